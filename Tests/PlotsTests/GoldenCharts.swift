import Foundation
import Testing
@testable import Plots

/// Charts whose SVG must not change by accident: each feature of the renderer at least once
/// (log and linear axes, the "0" slot, gaps, markers, palette overflow, both legend places,
/// the secondary axis, marks on several rows, notes, truncation, fixed ranges, escaping, grids).
///
/// Their expected documents, in `GoldenSVG.swift`, were written by the renderer before it was
/// split into stages (all but "bands", which came later); a deliberate change of output rewrites them with
/// `PLOTS_RECORD_GOLDEN=1 swift test --filter PlotsTests.GoldenTests` and names the change
/// in its commit. Only `rankChart` and `betaChart` compute their data with libm, whose last-bit
/// differences between versions would hardly ever survive rounding to hundredths of a pixel.
let goldenCharts: [(name: String, svg: @Sendable () -> String)] = [
    ("rank", { rankChart().svg() }),
    ("beta", { betaChart().svg() }),
    ("narrow", {
        var chart = rankChart()
        chart.width = 360
        chart.height = 260
        return chart.svg()
    }),
    ("grid", { svgGrid([rankChart(), betaChart()], columns: 1) }),
    ("empty grid", { svgGrid([], columns: 2) }),
    ("empty", { LineChart(title: "", xLabel: "", yLabel: "", series: []).svg() }),
    ("gaps", {
        let x = (0..<12).map(Double.init)
        var y = x.map { $0 * $0 / 4 - 3 }
        y[3] = .nan
        y[6] = .infinity
        y[8] = .nan
        return LineChart(title: "Gaps", xLabel: "x", yLabel: "y", series: [Series(label: "gappy", x: x, y: y)]).svg()
    }),
    ("long dashed coloured", {
        let x = (0..<200).map { Double($0) * 0.5 }
        let a = Series(label: "a", x: x, y: x.map { $0 * 3 + 1000 }, dashed: true)
        let b = Series(label: "b", points: x.map { (x: $0, y: 1300 - $0) }, color: "#123456")
        return LineChart(title: "Long", xLabel: "time", yLabel: "value", series: [a, b]).svg()
    }),
    ("palette overflow", {
        let x: [Double] = [1, 2, 3, 4]
        let series = (0..<14).map { i in Series(label: "series number \(i)", x: x, y: x.map { $0 + Double(i) }) }
        return LineChart(title: "Fourteen series", xLabel: "x", yLabel: "y", series: series).svg()
    }),
    ("legend below", {
        let x: [Double] = [0, 10, 20]
        let series = (0..<3).map { i in
            Series(label: "a rather long legend label that needs room \(i)", x: x, y: x.map { $0 * Double(i + 1) })
        }
        var chart = LineChart(title: "", xLabel: "x", yLabel: "", series: series)
        chart.width = 420
        return chart.svg()
    }),
    ("log y with notes", {
        var chart = LineChart(title: "Loss", xLabel: "step", yLabel: "loss", xScale: .logarithmic,
                              series: [Series(label: "train", x: [-2, 0, 1, 10, 100, 1000], y: [5, 3, 0.5, 0.05, 0, 0.002]),
                                       Series(label: "test", x: [1, 10, 100, 1000], y: [0.6, -1, 0.07, 0.004])])
        chart.yScale = .logarithmic
        chart.note = "source: run.h5"
        chart.showsMarkers = false
        return chart.svg()
    }),
    ("fixed ranges", {
        var chart = LineChart(title: "Fixed", xLabel: "epoch", yLabel: "rank",
                              series: [Series(label: "rank", x: [0, 1, 2, 3], y: [2, 9, 14, 30])])
        chart.yRange = 0...20
        chart.secondary = (label: "", series: [Series(label: "accuracy", x: [0, 1, 2, 3], y: [0.1, 0.5, 0.8, 1.2])])
        chart.secondaryRange = 0...1
        chart.showsMarkers = true
        return chart.svg()
    }),
    ("crowded marks", {
        var chart = LineChart(title: "A title far too long to fit in the width of this small chart, so it is shrunk and then cut",
                              xLabel: "an x label that is also much too long for such a narrow chart to show entirely",
                              yLabel: "y", series: [Series(label: "s", x: [0, 100], y: [1, 2])])
        chart.verticalMarks = [(x: 10, label: "first mark"), (x: 12, label: "second mark"), (x: 14, label: "third"),
                               (x: 16, label: "fourth"), (x: 18, label: "fifth"), (x: 99, label: "at the right end"),
                               (x: 120, label: "beyond the data")]
        chart.width = 300
        chart.height = 220
        return chart.svg()
    }),
    ("escaping", {
        var chart = LineChart(title: "a <b> & \"c\"", xLabel: "x <&>", yLabel: "y 'q'",
                              series: [Series(label: "layer <1> & 2", x: [1, 2], y: [1, 2])])
        chart.verticalMarks = [(x: 1.5, label: "β<crit>")]
        chart.secondary = (label: "acc & loss", series: [Series(label: "acc<", x: [1, 2], y: [0.5, 0.9])])
        return chart.svg()
    }),
    ("bands", {
        // Seeds aggregated as mean ± std, with a gap, an isolated point and a right-axis band.
        let steps: [Double] = [0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]
        let mean = steps.map { 2 + 10 / (1 + $0 / 16) }
        var spread = steps.map { 0.4 + $0 / 1024 }
        spread[4] = .nan
        spread[6] = .nan
        var chart = LineChart(title: "Local rank over seeds", xLabel: "step", yLabel: "rank", xScale: .logarithmic,
                              series: [Series(label: "mean ± std", x: steps, y: mean, band: .init(center: mean, spread: spread)),
                                       Series(label: "no band", x: steps, y: mean.map { $0 / 2 })])
        chart.secondary = (label: "accuracy", series: [
            Series(label: "accuracy", x: steps, y: steps.map { 0.5 + $0 / 2500 },
                   band: .init(lower: steps.map { 0.45 + $0 / 2600 }, upper: steps.map { 0.55 + $0 / 2400 })),
        ])
        return chart.svg()
    }),
    ("degenerate", {
        svgGrid([LineChart(title: "one", xLabel: "x", yLabel: "y", series: [Series(label: "single", x: [3], y: [7])]),
                 LineChart(title: "log one", xLabel: "x", yLabel: "y", xScale: .logarithmic,
                           series: [Series(label: "single", x: [0], y: [7])]),
                 LineChart(title: "nan", xLabel: "x", yLabel: "y", series: [Series(label: "nan", x: [1, 2], y: [.nan, .nan])]),
                 LineChart(title: "flat", xLabel: "x", yLabel: "y", series: [Series(label: "zero", x: [1, 1, 1], y: [0, 0, 0])]),
                 LineChart(title: "no positive x", xLabel: "x", yLabel: "y", xScale: .logarithmic,
                           series: [Series(label: "n", x: [-3, -1, 0], y: [1, 2, 3])]),
                 LineChart(title: "tiny", xLabel: "x", yLabel: "y",
                           series: [Series(label: "t", x: [1e-6, 2e-6, 3e-6], y: [-4e-7, 1e-7, 9e-7])])],
                columns: 3)
    }),
    // Two layers at the same rank: the second is dashed over the first, with a note; the
    // bands are clipped to the ranks a layer can take.
    ("coinciding", {
        let steps: [Double] = [0, 10, 100, 1000, 10000]
        let spread = [0.0, 3, 6, 4, 2]
        return LineChart(title: "Two layers at 32", xLabel: "step", yLabel: "rank", xScale: .logarithmic, series: [
            Series(label: "layer 0", x: steps, y: [32, 32, 32, 32, 32], band: .init(center: [32, 32, 32, 32, 32], spread: spread, within: 0...32)),
            Series(label: "layer 1", x: steps, y: [32, 32, 32, 31.99, 32]),
            Series(label: "layer 2", x: steps, y: [20, 12, 4, 2, 1], band: .init(center: [20, 12, 4, 2, 1], spread: spread, within: 0...32)),
        ]).svg()
    }),
    // Side by side: each panel laid out smaller and scaled up, so that its text stays readable.
    ("two columns", {
        let chart = LineChart(title: "Panel", xLabel: "step", yLabel: "rank", series: [Series(label: "a", x: [0, 1, 2], y: [3, 1, 2])])
        return svgGrid([chart, chart], columns: 2)
    }),
]

@Suite struct GoldenTests {
    @Test(arguments: goldenCharts.map(\.name))
    func unchangedOutput(name: String) throws {
        let svg = goldenCharts.first { $0.name == name }!.svg()
        if recordingGolden { return }
        let expected = try #require(goldenSVG[name], "no recorded SVG for \(name)")
        if svg != expected {
            let got = svg.split(separator: "\n", omittingEmptySubsequences: false)
            let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(got.count, want.count)
            Issue.record("""
                \(name): the SVG differs from the recorded one at line \(line + 1)
                  expected: \(line < want.count ? String(want[line]) : "(end)")
                  got:      \(line < got.count ? String(got[line]) : "(end)")
                """)
        }
    }

    /// With PLOTS_RECORD_GOLDEN=1, writes `GoldenSVG.swift` from the current renderer.
    @Test(.enabled(if: recordingGolden)) func record() throws {
        var source = "// Written by GoldenTests.record (PLOTS_RECORD_GOLDEN=1); see GoldenCharts.swift.\n"
        source += "let goldenSVG: [String: String] = [\n"
        for (name, svg) in goldenCharts {
            source += "    \"\(name)\": ##\"\"\"\n\(svg())\n\"\"\"##,\n"
        }
        source += "]\n"
        let path = #filePath.replacingOccurrences(of: "GoldenCharts.swift", with: "GoldenSVG.swift")
        try source.write(toFile: path, atomically: true, encoding: .utf8)
    }
}

private let recordingGolden = ProcessInfo.processInfo.environment["PLOTS_RECORD_GOLDEN"] == "1"
