import Foundation
import Testing
@testable import Plots

/// Local-rank-like data: 5 layers over 40 log-spaced checkpoints from 0 to 100 000.
func rankChart() -> LineChart {
    var steps: [Double] = [0]
    for i in 0..<39 { steps.append(pow(10, 5 * Double(i) / 38).rounded()) }
    steps = Array(Set(steps)).sorted()
    let series = (0..<5).map { layer in
        Series(label: "layer \(layer)", x: steps,
               y: steps.map { s in 180 - Double(layer) * 10 - 120 / (1 + exp(-(log10(max(s, 1)) - 3.5) * 3)) })
    }
    return LineChart(title: "Local rank over training", xLabel: "training step", yLabel: "local rank",
                     xScale: .logarithmic, series: series)
}

func betaChart() -> LineChart {
    let betas = (0..<25).map { pow(10, -3 + 5 * Double($0) / 24) }
    var chart = LineChart(title: "Local rank and accuracy against β", xLabel: "β", yLabel: "local rank",
                          xScale: .logarithmic,
                          series: [Series(label: "layer 1", x: betas, y: betas.map { $0 < 0.5 ? 3 : 1 })])
    chart.secondary = (label: "accuracy", series: [Series(label: "test accuracy", x: betas, y: betas.map { 1 / (1 + $0) })])
    chart.verticalMarks = [(x: 0.5, label: "β* = 0.5"), (x: 2, label: "β₂* = 2")]
    return chart
}

@Suite struct StructureTests {
    @Test func wellFormedWithOnePathPerSeriesLegendAndAxisLabels() throws {
        let chart = rankChart()
        let svg = try parseSVG(chart.svg())
        #expect(svg.root.tag == "svg")
        #expect(svg.root.attrs["font-family"] == "sans-serif")
        #expect(svg.root.attrs["width"] == "720" && svg.root.attrs["height"] == "440")
        let background = svg.all("rect").first
        #expect(background?.attrs["fill"] == "white")
        #expect(svg.seriesPaths.count == 5)
        #expect(svg.all("polyline").isEmpty)
        #expect(svg.texts(in: "legend") == (0..<5).map { "layer \($0)" })
        #expect(svg.all("text", class: "x-label").map(\.text) == ["training step"])
        #expect(svg.all("text", class: "y-label").map(\.text) == ["local rank"])
        #expect(svg.all("text", class: "title").map(\.text) == ["Local rank over training"])
        // A distinct colour per series.
        let colours = svg.seriesPaths.compactMap { $0.attrs["stroke"] }
        #expect(Set(colours).count == 5)
    }

    @Test func logAxisTickLabelsAreDecadesWithZeroAtTheLeft() throws {
        let svg = try parseSVG(rankChart().svg())
        #expect(svg.texts(in: "x-tick-labels") == ["0", "1", "10", "100", "1k", "10k", "100k"])
        #expect(!svg.all("g", class: "axis-break").isEmpty)
        // Step 0 is drawn (at the "0" tick), so every series starts with a point there.
        let zeroTick = svg.all("text").first { $0.within("x-tick-labels") && $0.text == "0" }
        let zeroX = try #require(zeroTick?.attrs["x"])
        for path in svg.seriesPaths {
            #expect(path.attrs["d"]?.hasPrefix("M\(zeroX) ") == true)
        }
    }

    @Test func logAxisLabelsBeyondTheCompactRangeUseSuperscripts() throws {
        let x = (0..<9).map { pow(10, Double($0) - 8) }
        let chart = LineChart(title: "", xLabel: "x", yLabel: "y", xScale: .logarithmic,
                              series: [Series(label: "s", x: x, y: x)])
        let labels = try parseSVG(chart.svg()).texts(in: "x-tick-labels")
        #expect(!labels.isEmpty)
        #expect(labels.allSatisfy { $0.hasPrefix("10") })
        #expect(labels.contains("10⁻⁴") || labels.contains("10⁰"))
    }

    @Test func linearTicksUseOneTwoFiveSteps() throws {
        for (lo, hi) in [(0.0, 1.0), (0, 183), (-3.2, 7.7), (0, 20000), (1e-6, 5e-6)] {
            for target in [3, 5, 8] {
                let (step, values) = linearTickValues(lo: lo, hi: hi, target: target)
                let exponent = floor(log10(step))
                let mantissa = (step / pow(10, exponent) * 1000).rounded() / 1000
                #expect([1, 2, 5].contains(mantissa), "step \(step)")
                #expect(values.count >= 2)
                #expect(values.allSatisfy { $0 >= lo - 1e-12 && $0 <= hi + 1e-12 })
            }
        }
        let svg = try parseSVG(LineChart(title: "", xLabel: "", yLabel: "",
                                         series: [Series(label: "s", x: [0, 20000], y: [0, 183])]).svg())
        #expect(svg.texts(in: "y-tick-labels") == ["0", "50", "100", "150"])
        #expect(svg.texts(in: "x-tick-labels").contains("10k"))
    }

    @Test func yAxisStartsAtZeroForCountsAndIsPaddedOtherwise() throws {
        let counts = LineChart(title: "", xLabel: "", yLabel: "", series: [Series(label: "s", x: [1, 2, 3], y: [60, 120, 180])])
        #expect(try parseSVG(counts.svg()).texts(in: "y-tick-labels").first == "0")
        #expect(linearValueDomain([60, 120, 180]).lo == 0)
        let narrow = linearValueDomain([175, 180])
        #expect(narrow.lo == 175 - 0.25 && narrow.hi == 180 + 0.25)
        let negative = linearValueDomain([-1, 1])
        #expect(negative.lo == -1.1 && negative.hi == 1.1)
    }

    @Test func nonFiniteValuesBreakTheLine() throws {
        let x = (0..<10).map(Double.init)
        var y = x
        y[3] = .nan
        y[6] = .infinity
        let chart = LineChart(title: "", xLabel: "", yLabel: "", series: [Series(label: "gappy", x: x, y: y)])
        let svg = try parseSVG(chart.svg())
        let d = try #require(svg.seriesPaths.first?.attrs["d"])
        #expect(d.filter { $0 == "M" }.count == 3)
        #expect(!d.contains("nan") && !d.contains("inf"))
        // Markers only at the 8 finite points.
        #expect(svg.all("circle").filter { $0.within("markers") }.count == 8)
    }

    @Test func escapesMarkupInAllText() throws {
        var chart = LineChart(title: "a <b> & \"c\"", xLabel: "x <&>", yLabel: "y 'q'",
                              series: [Series(label: "layer <1> & 2", x: [1, 2], y: [1, 2])])
        chart.verticalMarks = [(x: 1.5, label: "β<crit>")]
        chart.secondary = (label: "acc & loss", series: [Series(label: "acc<", x: [1, 2], y: [0.5, 0.9])])
        let text = chart.svg()
        #expect(!text.contains("<b>") && !text.contains("<1>") && !text.contains("<crit>"))
        let svg = try parseSVG(text)
        #expect(svg.all("text", class: "title").first?.text == "a <b> & \"c\"")
        #expect(svg.all("text", class: "x-label").first?.text == "x <&>")
        #expect(svg.texts(in: "legend").contains("layer <1> & 2"))
        #expect(svg.texts(in: "mark-labels") == ["β<crit>"])
        #expect(svg.seriesPaths.first?.attrs["data-label"] == "layer <1> & 2")
    }

    @Test func markersOnlyForShortSeries() throws {
        let short = (0..<80).map(Double.init), long = (0..<81).map(Double.init)
        let a = try parseSVG(LineChart(title: "", xLabel: "", yLabel: "", series: [Series(label: "s", x: short, y: short)]).svg())
        #expect(a.all("circle").filter { $0.within("markers") }.count == 80)
        let b = try parseSVG(LineChart(title: "", xLabel: "", yLabel: "", series: [Series(label: "s", x: long, y: long)]).svg())
        #expect(b.all("circle").filter { $0.within("markers") }.isEmpty)
    }

    @Test func degenerateInputsDoNotCrash() throws {
        let charts: [LineChart] = [
            LineChart(title: "", xLabel: "", yLabel: "", series: []),
            LineChart(title: "one", xLabel: "x", yLabel: "y", series: [Series(label: "single", x: [3], y: [7])]),
            LineChart(title: "log one", xLabel: "x", yLabel: "y", xScale: .logarithmic, series: [Series(label: "single", x: [0], y: [7])]),
            LineChart(title: "empty", xLabel: "x", yLabel: "y", xScale: .logarithmic, series: [Series(label: "none", x: [], y: [])]),
            LineChart(title: "nan", xLabel: "x", yLabel: "y", series: [Series(label: "nan", x: [1, 2], y: [.nan, .nan])]),
            LineChart(title: "flat", xLabel: "x", yLabel: "y", series: [Series(label: "zero", x: [1, 1, 1], y: [0, 0, 0])]),
            LineChart(title: "neg log", xLabel: "x", yLabel: "y", xScale: .logarithmic, series: [Series(label: "n", x: [-5, -1, 0, 10, 100], y: [1, 2, 3, 4, 5])]),
        ]
        for chart in charts {
            let svg = try parseSVG(chart.svg())
            #expect(svg.seriesPaths.count == chart.series.count)
        }
        // A single point is still visible as a marker.
        let one = try parseSVG(charts[1].svg())
        #expect(one.all("circle").filter { $0.within("markers") }.count == 1)
        // Negative x on a log axis are left out, with a note.
        let negative = try parseSVG(charts[6].svg())
        #expect(negative.texts(in: "notes").contains { $0.contains("2 points with x < 0") })
    }

    @Test func secondaryAxisAndVerticalMarks() throws {
        let svg = try parseSVG(betaChart().svg())
        #expect(svg.seriesPaths.count == 2)
        let secondary = svg.all("path", class: "secondary")
        #expect(secondary.count == 1)
        #expect(secondary.first?.attrs["stroke-dasharray"] != nil)
        #expect(svg.all("text", class: "secondary-label").map(\.text) == ["accuracy"])
        #expect(!svg.texts(in: "secondary-tick-labels").isEmpty)
        #expect(svg.texts(in: "mark-labels") == ["β* = 0.5", "β₂* = 2"])
        #expect(svg.all("line").filter { $0.within("marks") }.count == 2)
        #expect(svg.texts(in: "x-tick-labels") == ["0.001", "0.01", "0.1", "1", "10", "100"])
    }

    @Test func gridHasOnePanelPerChartAndUniqueIDs() throws {
        var second = rankChart()
        second.title = "second"
        let svg = try parseSVG(svgGrid([rankChart(), second, betaChart()], columns: 2))
        #expect(svg.all("g", class: "panel").count == 3)
        #expect(svg.root.attrs["width"] == "1440" && svg.root.attrs["height"] == "880")
        let ids = svg.elements.compactMap { $0.attrs["id"] }
        #expect(ids.count == 3 && Set(ids).count == 3)
        #expect(svg.seriesPaths.count == 12)
        _ = try parseSVG(svgGrid([], columns: 2))
    }
}

@Suite struct LogSpacingTests {
    @Test func logSpacedValuesPreferALogAxis() {
        let geometric = (0..<30).map { pow(10, Double($0) / 6) }
        #expect(prefersLogarithmicAxis(geometric))
        #expect(prefersLogarithmicAxis([0] + geometric))
        // Rounded log-spaced checkpoint steps, with step 0.
        var steps: [Double] = [0]
        for i in 0..<30 { steps.append(pow(10, 4.3 * Double(i) / 29).rounded()) }
        #expect(prefersLogarithmicAxis(steps))
        #expect(prefersLogarithmicAxis([1, 10, 100, 1000]))
        // 1, 2, …, 9, 10, 20, …, 90, 100, 200, …
        #expect(prefersLogarithmicAxis((0..<4).flatMap { k in (1...9).map { Double($0) * pow(10, Double(k)) } }))
    }

    @Test func linearlySpacedOrNarrowValuesDoNot() {
        #expect(!prefersLogarithmicAxis((0...100).map { Double($0) * 1000 }))
        #expect(!prefersLogarithmicAxis((1...100).map(Double.init)))
        #expect(!prefersLogarithmicAxis((0..<20).map { pow(10, Double($0) / 12) }))  // < 2 decades
        #expect(!prefersLogarithmicAxis([]))
        #expect(!prefersLogarithmicAxis([0]))
        #expect(!prefersLogarithmicAxis([1, 1000]))
        #expect(!prefersLogarithmicAxis([.nan, .infinity, -5, 0]))
    }
}

@Suite struct RenderTests {
    @Test func rsvgConvertRendersCharts() throws {
        guard let rsvg = executableOnPath("rsvg-convert") else {
            Issue.record("rsvg-convert is not installed (Debian package librsvg2-bin); run `make test`, which installs it")
            return
        }
        var narrow = rankChart()
        narrow.width = 360
        narrow.height = 260
        for (name, svg) in [("rank", rankChart().svg()), ("beta", betaChart().svg()), ("narrow", narrow.svg()),
                            ("grid", svgGrid([rankChart(), betaChart()], columns: 1)),
                            ("empty", LineChart(title: "", xLabel: "", yLabel: "", series: []).svg())] {
            let input = temporaryFile("-\(name).svg"), output = temporaryFile("-\(name).png")
            defer {
                try? FileManager.default.removeItem(atPath: input)
                try? FileManager.default.removeItem(atPath: output)
            }
            try svg.write(toFile: input, atomically: false, encoding: .utf8)
            let result = try run(rsvg, ["-o", output, input])
            #expect(result.status == 0, "rsvg-convert failed on \(name): \(result.stderr)")
            let png = try Data(contentsOf: URL(fileURLWithPath: output))
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(name) is not a PNG")
        }
    }
}
