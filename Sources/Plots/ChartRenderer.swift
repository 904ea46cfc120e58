/// Sizes shared by every chart, in pixels.
enum ChartLayout {
    static let minimumWidth = 200.0
    static let minimumHeight = 150.0
    static let margin = 10.0
    static let titleSize = 15.0
    static let tickSize = 11.0
    static let labelSize = 12.5
    static let legendSize = 11.0
    static let markSize = 10.0
    static let noteSize = 10.0
    static let tickLength = 5.0
    static let minorTickLength = 3.0
    /// Room left free at both ends of the x axis so that markers there are not cut.
    static let inset = 8.0
    static let legendRowHeight = 17.0
    static let legendSample = 26.0
    static let markRowHeight = 12.0
    static let markerRadius = 2.6
    static let maximumMarkedPoints = 80
}

private struct PreparedSeries {
    var label: String
    var color: String
    var dashed: Bool
    var secondary: Bool
    var markers: Bool
    var points: [(x: Double, y: Double)]
}

private struct Geometry {
    var plotLeft = 0.0, plotRight = 0.0, plotTop = 0.0, plotBottom = 0.0
    var titleBaseline = 0.0
    var rightAxisWidth = 0.0
    var legendRight = true
    var legendColumns = 1
    var legendRows = 0
    var legendColumnWidth = 0.0
    var legendX = 0.0, legendY = 0.0
    var xLabelBaseline = 0.0
}

struct ChartRenderer {
    let chart: LineChart
    let idPrefix: String

    func render() -> String {
        typealias L = ChartLayout
        let width = Double(max(Int(L.minimumWidth), chart.width))
        let height = Double(max(Int(L.minimumHeight), chart.height))

        // Series, their colours and markers.
        var prepared: [PreparedSeries] = []
        func markers(_ s: Series) -> Bool { chart.showsMarkers ?? (s.points.count <= L.maximumMarkedPoints) }
        for (i, s) in chart.series.enumerated() {
            prepared.append(PreparedSeries(label: s.label, color: s.color ?? chartPalette[i % chartPalette.count],
                                           dashed: s.dashed || i >= chartPalette.count, secondary: false, markers: markers(s), points: s.points))
        }
        if let secondary = chart.secondary {
            for (j, s) in secondary.series.enumerated() {
                let i = chart.series.count + j
                prepared.append(PreparedSeries(label: s.label + " (right axis)",
                                               color: s.color ?? chartPalette[i % chartPalette.count],
                                               dashed: true, secondary: true, markers: markers(s), points: s.points))
            }
        }

        // The x axis.
        var notes: [String] = []
        let finitePoints = prepared.flatMap { $0.points.filter { $0.x.isFinite && $0.y.isFinite } }
        let dataX = finitePoints.map(\.x)
        let markX = chart.verticalMarks.map(\.x).filter(\.isFinite)
        var xScale = chart.xScale
        if xScale == .logarithmic && !(dataX + markX).contains(where: { $0 > 0 }) {
            xScale = .linear
            if !dataX.isEmpty { notes.append("no positive x values: linear x axis") }
        }
        let zeroSlot = xScale == .logarithmic && dataX.contains(0)
        if xScale == .logarithmic {
            let negative = dataX.filter { $0 < 0 }.count
            if negative > 0 { notes.append("\(negative) point\(negative == 1 ? "" : "s") with x < 0 not shown (log axis)") }
        }
        func xPlaceable(_ x: Double) -> Bool {
            x.isFinite && (xScale == .linear || x > 0 || (x == 0 && zeroSlot))
        }
        let xDomain: (lo: Double, hi: Double)
        switch xScale {
        case .linear: xDomain = linearPositionDomain(dataX + markX)
        case .logarithmic: xDomain = logarithmicDomain((dataX + markX).filter { $0 > 0 }, pad: 0)
        }

        // The y axes.
        let yScale = chart.yScale
        var primaryY = prepared.filter { !$0.secondary }.flatMap { $0.points.filter { xPlaceable($0.x) && $0.y.isFinite }.map(\.y) }
        if yScale == .logarithmic {
            let nonPositive = primaryY.filter { $0 <= 0 }.count
            if nonPositive > 0 { notes.append("\(nonPositive) point\(nonPositive == 1 ? "" : "s") with y ≤ 0 not shown (log axis)") }
            primaryY = primaryY.filter { $0 > 0 }
        }
        let yDomain: (lo: Double, hi: Double)
        if let range = chart.yRange, range.lowerBound < range.upperBound, range.lowerBound.isFinite, range.upperBound.isFinite,
           yScale == .linear || range.lowerBound > 0 {
            yDomain = (range.lowerBound, range.upperBound)
        } else if yScale == .logarithmic {
            yDomain = logarithmicDomain(primaryY, pad: 0.05)
        } else {
            yDomain = linearValueDomain(primaryY)
        }
        let secondaryY = prepared.filter(\.secondary).flatMap { $0.points.filter { xPlaceable($0.x) && $0.y.isFinite }.map(\.y) }
        var secondaryDomain: (lo: Double, hi: Double)? = nil
        if chart.secondary != nil {
            if let range = chart.secondaryRange, range.lowerBound < range.upperBound, range.lowerBound.isFinite, range.upperBound.isFinite {
                secondaryDomain = (range.lowerBound, range.upperBound)
            } else {
                secondaryDomain = linearValueDomain(secondaryY)
            }
        }
        if let note = chart.note, !note.isEmpty { notes.append(note) }

        // Ticks along a vertical axis `length` pixels long.
        func verticalTicks(_ domain: (lo: Double, hi: Double), _ scale: AxisScale, length: Double) -> [Tick] {
            let length = max(length, 20)
            switch scale {
            case .linear:
                return linearTicks(lo: domain.lo, hi: domain.hi, length: length, pixelsPerTick: 48,
                                   labelExtent: { _ in L.tickSize }, gap: 8)
            case .logarithmic:
                return logarithmicTicks(lo: domain.lo, hi: domain.hi, length: length,
                                        labelExtent: { _ in L.tickSize }, gap: 6)
            }
        }
        func widestLabel(_ ticks: [Tick]) -> Double {
            ticks.compactMap(\.label).map { textWidth($0, size: L.tickSize) }.max() ?? 0
        }

        // Legend entries.
        let legendLabelWidth = prepared.map { textWidth($0.label, size: L.legendSize) }.max() ?? 0
        let legendEntryWidth = 8 + L.legendSample + 6 + legendLabelWidth + 8

        // The title.
        var titleSize = L.titleSize
        var titleText = chart.title
        if !titleText.isEmpty {
            let room = width - 2 * L.margin
            let natural = textWidth(titleText, size: titleSize, bold: true)
            if natural > room { titleSize = max(11, titleSize * room / natural) }
            titleText = truncated(titleText, size: titleSize, maxWidth: room, bold: true)
        }

        // Mark labels, assigned to rows so that they do not overlap.
        func markRows(_ xMap: AxisMap, rightLimit: Double) -> [(x: Double, label: String, row: Int, anchorEnd: Bool)] {
            var rows: [[(Double, Double)]] = []
            var placed: [(x: Double, label: String, row: Int, anchorEnd: Bool)] = []
            let sorted = chart.verticalMarks.filter { xPlaceable($0.x) && !(xScale == .logarithmic && $0.x == 0) }
                .compactMap { mark in xMap.position(mark.x).map { (px: $0, label: mark.label) } }
                .sorted { $0.px < $1.px }
            for mark in sorted {
                let w = textWidth(mark.label, size: L.markSize)
                let anchorEnd = mark.px + w + 3 > rightLimit
                let extent = anchorEnd ? (mark.px - w - 3, mark.px) : (mark.px - 1, mark.px + w + 3)
                var row = rows.firstIndex { r in r.allSatisfy { extent.1 + 4 < $0.0 || extent.0 > $0.1 + 4 } }
                if row == nil {
                    if rows.count < 4 { rows.append([]); row = rows.count - 1 } else { row = placed.count % rows.count }
                }
                rows[row!].append(extent)
                placed.append((mark.px, mark.label, row!, anchorEnd))
            }
            return placed
        }

        // Lay out in a few passes: tick label widths and mark rows depend on the plot size.
        var g = Geometry()
        var yTicks: [Tick] = []
        var secondaryTicks: [Tick] = []
        var xMap = AxisMap(scale: xScale, lo: xDomain.lo, hi: xDomain.hi, start: 0, end: 1)
        var marks: [(x: Double, label: String, row: Int, anchorEnd: Bool)] = []
        var yTickWidth = widestLabel(verticalTicks(yDomain, yScale, length: height - 110))
        var secondaryTickWidth = secondaryDomain.map { widestLabel(verticalTicks($0, .linear, length: height - 110)) } ?? 0
        var markRowCount = chart.verticalMarks.isEmpty ? 0 : 1
        for _ in 0..<3 {
            g = Geometry()
            var top = L.margin
            if !titleText.isEmpty {
                g.titleBaseline = top + titleSize * 0.95
                top += titleSize + 10
            }
            top += markRowCount > 0 ? Double(markRowCount) * L.markRowHeight + 4 : 8
            g.plotTop = top
            g.plotLeft = L.margin + (chart.yLabel.isEmpty ? 0 : L.labelSize + 8) + yTickWidth + 3 + L.tickLength
            if secondaryDomain != nil {
                g.rightAxisWidth = L.tickLength + 3 + secondaryTickWidth + ((chart.secondary?.label.isEmpty ?? true) ? 0 : 8 + L.labelSize)
            }
            var bottom = L.margin + L.tickLength + 3 + L.tickSize + (chart.xLabel.isEmpty ? 0 : 9 + L.labelSize)
            bottom += Double(notes.count) * 13 + (notes.isEmpty ? 0 : 4)
            let rightEdge = width - L.margin - g.rightAxisWidth
            // The legend: on the right of the plot if that leaves it at least half the width,
            // otherwise under the x axis label.
            if !prepared.isEmpty {
                let plotHeightEstimate = max(40, height - top - bottom)
                let perColumn = max(1, Int((plotHeightEstimate - 8) / L.legendRowHeight))
                let columns = (prepared.count + perColumn - 1) / perColumn
                let legendWidth = Double(columns) * legendEntryWidth
                if rightEdge - 14 - legendWidth - g.plotLeft >= 0.5 * width {
                    g.legendRight = true
                    g.legendColumns = columns
                    g.legendRows = (prepared.count + columns - 1) / columns
                    g.legendColumnWidth = legendEntryWidth
                } else {
                    g.legendRight = false
                    let room = rightEdge - L.margin
                    g.legendColumnWidth = min(legendEntryWidth, room)
                    g.legendColumns = max(1, Int(room / g.legendColumnWidth))
                    g.legendRows = (prepared.count + g.legendColumns - 1) / g.legendColumns
                    bottom += 10 + Double(g.legendRows) * L.legendRowHeight + 8
                }
            }
            let legendRoom = (!prepared.isEmpty && g.legendRight) ? 14 + Double(g.legendColumns) * g.legendColumnWidth : 0
            g.plotRight = max(g.plotLeft + 40, rightEdge - legendRoom - (secondaryDomain == nil && legendRoom == 0 ? 8 : 0))
            g.plotBottom = max(g.plotTop + 40, height - bottom)
            g.xLabelBaseline = g.plotBottom + L.tickLength + 3 + L.tickSize + 9 + L.labelSize * 0.8
            if g.legendRight {
                g.legendX = g.plotRight + g.rightAxisWidth + 14
                g.legendY = g.plotTop
            } else {
                let legendWidth = Double(min(g.legendColumns, prepared.count)) * g.legendColumnWidth
                g.legendX = max(L.margin, min((g.plotLeft + g.plotRight) / 2, width / 2) - legendWidth / 2)
                g.legendY = g.plotBottom + L.tickLength + 3 + L.tickSize + (chart.xLabel.isEmpty ? 0 : 9 + L.labelSize) + 10
            }

            // Axes in pixels.
            var xStart = g.plotLeft + L.inset
            var zeroAt: Double? = nil
            if zeroSlot {
                zeroAt = xStart
                xStart += max(22, 0.06 * (g.plotRight - g.plotLeft))
            }
            xMap = AxisMap(scale: xScale, lo: xDomain.lo, hi: xDomain.hi, start: xStart, end: g.plotRight - L.inset, zeroAt: zeroAt)
            let plotHeight = g.plotBottom - g.plotTop
            yTicks = verticalTicks(yDomain, yScale, length: plotHeight)
            secondaryTicks = secondaryDomain.map { verticalTicks($0, .linear, length: plotHeight) } ?? []
            marks = markRows(xMap, rightLimit: width - L.margin)
            let rowsNeeded = marks.isEmpty ? 0 : (marks.map(\.row).max()! + 1)
            let newYWidth = widestLabel(yTicks), newSecondaryWidth = widestLabel(secondaryTicks)
            if newYWidth <= yTickWidth && newSecondaryWidth <= secondaryTickWidth && rowsNeeded == markRowCount { break }
            yTickWidth = max(yTickWidth, newYWidth)
            secondaryTickWidth = max(secondaryTickWidth, newSecondaryWidth)
            markRowCount = rowsNeeded
        }
        let yMap = AxisMap(scale: yScale, lo: yDomain.lo, hi: yDomain.hi, start: g.plotBottom, end: g.plotTop)
        let secondaryMap = secondaryDomain.map { AxisMap(scale: .linear, lo: $0.lo, hi: $0.hi, start: g.plotBottom, end: g.plotTop) }

        // x ticks.
        let xLength = xMap.length
        var xTicks: [Tick]
        switch xScale {
        case .linear:
            xTicks = linearTicks(lo: xDomain.lo, hi: xDomain.hi, length: xLength, pixelsPerTick: 80,
                                 labelExtent: { textWidth($0, size: L.tickSize) }, gap: 12)
        case .logarithmic:
            xTicks = logarithmicTicks(lo: xDomain.lo, hi: xDomain.hi, length: xLength,
                                      labelExtent: { textWidth($0, size: L.tickSize) }, gap: 10)
        }
        if zeroSlot { xTicks.insert(Tick(value: 0, label: "0", major: true), at: 0) }

        // Drawing.
        let pl = g.plotLeft, pr = g.plotRight, pt = g.plotTop, pb = g.plotBottom
        var o = ""
        o += "<rect class=\"background\" x=\"0\" y=\"0\" width=\"\(fmt(width))\" height=\"\(fmt(height))\" fill=\"white\"/>\n"
        let clipID = "\(idPrefix)plot-area"
        o += "<defs><clipPath id=\"\(clipID)\"><rect x=\"\(fmt(pl - 4))\" y=\"\(fmt(pt - 4))\" width=\"\(fmt(pr - pl + 8))\" height=\"\(fmt(pb - pt + 8))\"/></clipPath></defs>\n"
        if !titleText.isEmpty {
            let titleWidth = textWidth(titleText, size: titleSize, bold: true)
            var centre = (pl + pr) / 2
            if centre - titleWidth / 2 < L.margin || centre + titleWidth / 2 > width - L.margin { centre = width / 2 }
            o += "<text class=\"title\" x=\"\(fmt(centre))\" y=\"\(fmt(g.titleBaseline))\" text-anchor=\"middle\" font-size=\"\(fmt(titleSize))\" font-weight=\"bold\" fill=\"#111111\">\(xmlEscaped(titleText))</text>\n"
        }

        // Grid lines at major ticks.
        o += "<g class=\"grid\" stroke=\"#e8e8e8\" stroke-width=\"1\">\n"
        for tick in yTicks where tick.major {
            if let y = yMap.position(tick.value), y >= pt - 0.5, y <= pb + 0.5 {
                o += "<line x1=\"\(fmt(pl))\" y1=\"\(fmt(y))\" x2=\"\(fmt(pr))\" y2=\"\(fmt(y))\"/>\n"
            }
        }
        for tick in xTicks where tick.major {
            if let x = xMap.position(tick.value), x >= pl, x <= pr {
                o += "<line x1=\"\(fmt(x))\" y1=\"\(fmt(pt))\" x2=\"\(fmt(x))\" y2=\"\(fmt(pb))\"/>\n"
            }
        }
        o += "</g>\n"

        // Vertical marks.
        if !marks.isEmpty {
            o += "<g class=\"marks\" stroke=\"#888888\" stroke-width=\"1.1\" stroke-dasharray=\"5 3\">\n"
            for mark in marks {
                o += "<line x1=\"\(fmt(mark.x))\" y1=\"\(fmt(pt))\" x2=\"\(fmt(mark.x))\" y2=\"\(fmt(pb))\"/>\n"
            }
            o += "</g>\n"
        }

        // Series.
        var anyDrawn = false
        for s in prepared {
            guard let map = s.secondary ? secondaryMap : Optional(yMap) else { continue }
            var d = ""
            var pixels: [(x: Double, y: Double)?] = []
            for p in s.points {
                guard xPlaceable(p.x), let px = xMap.position(p.x), let py = map.position(p.y) else {
                    pixels.append(nil)
                    continue
                }
                pixels.append((px, py))
            }
            var isolated: [(x: Double, y: Double)] = []
            for (i, p) in pixels.enumerated() {
                guard let p else { continue }
                let previous = i > 0 ? pixels[i - 1] : nil
                let next = i + 1 < pixels.count ? pixels[i + 1] : nil
                d += (previous == nil ? "M" : "L") + fmt(p.x) + " " + fmt(p.y)
                if previous == nil && next == nil { isolated.append(p) }
                anyDrawn = true
            }
            var attributes = "fill=\"none\" stroke=\"\(xmlEscaped(s.color))\" stroke-width=\"1.8\" stroke-linejoin=\"round\" stroke-linecap=\"round\""
            if s.dashed { attributes += " stroke-dasharray=\"6 3.5\"" }
            let cls = s.secondary ? "series secondary" : "series"
            o += "<path class=\"\(cls)\" data-label=\"\(xmlEscaped(s.label))\" \(attributes) clip-path=\"url(#\(clipID))\" d=\"\(d)\"/>\n"
            let dots = s.markers ? pixels.compactMap { $0 } : isolated
            if !dots.isEmpty {
                o += "<g class=\"markers\" fill=\"\(xmlEscaped(s.color))\" clip-path=\"url(#\(clipID))\">"
                for p in dots { o += "<circle cx=\"\(fmt(p.x))\" cy=\"\(fmt(p.y))\" r=\"\(fmt(L.markerRadius))\"/>" }
                o += "</g>\n"
            }
        }

        // Frame, ticks and tick labels.
        o += "<rect class=\"frame\" x=\"\(fmt(pl))\" y=\"\(fmt(pt))\" width=\"\(fmt(pr - pl))\" height=\"\(fmt(pb - pt))\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1\"/>\n"
        o += "<g class=\"ticks\" stroke=\"#333333\" stroke-width=\"1\">\n"
        for tick in xTicks {
            if let x = xMap.position(tick.value), x >= pl - 0.5, x <= pr + 0.5 {
                let length = tick.major ? L.tickLength : L.minorTickLength
                o += "<line x1=\"\(fmt(x))\" y1=\"\(fmt(pb))\" x2=\"\(fmt(x))\" y2=\"\(fmt(pb + length))\"/>\n"
            }
        }
        for tick in yTicks {
            if let y = yMap.position(tick.value), y >= pt - 0.5, y <= pb + 0.5 {
                let length = tick.major ? L.tickLength : L.minorTickLength
                o += "<line x1=\"\(fmt(pl - length))\" y1=\"\(fmt(y))\" x2=\"\(fmt(pl))\" y2=\"\(fmt(y))\"/>\n"
            }
        }
        if let secondaryMap {
            for tick in secondaryTicks {
                if let y = secondaryMap.position(tick.value), y >= pt - 0.5, y <= pb + 0.5 {
                    o += "<line x1=\"\(fmt(pr))\" y1=\"\(fmt(y))\" x2=\"\(fmt(pr + L.tickLength))\" y2=\"\(fmt(y))\"/>\n"
                }
            }
        }
        o += "</g>\n"
        let labelY = pb + L.tickLength + 3 + L.tickSize * 0.8
        o += "<g class=\"x-tick-labels\" font-size=\"\(fmt(L.tickSize))\" fill=\"#333333\" text-anchor=\"middle\">\n"
        for tick in xTicks {
            if let label = tick.label, let x = xMap.position(tick.value), x >= pl - 0.5, x <= pr + 0.5 {
                o += "<text x=\"\(fmt(x))\" y=\"\(fmt(labelY))\">\(xmlEscaped(label))</text>\n"
            }
        }
        o += "</g>\n"
        o += "<g class=\"y-tick-labels\" font-size=\"\(fmt(L.tickSize))\" fill=\"#333333\" text-anchor=\"end\">\n"
        for tick in yTicks {
            if let label = tick.label, let y = yMap.position(tick.value), y >= pt - 0.5, y <= pb + 0.5 {
                o += "<text x=\"\(fmt(pl - L.tickLength - 3))\" y=\"\(fmt(y + L.tickSize * 0.35))\">\(xmlEscaped(label))</text>\n"
            }
        }
        o += "</g>\n"
        if let secondaryMap {
            o += "<g class=\"secondary-tick-labels\" font-size=\"\(fmt(L.tickSize))\" fill=\"#333333\" text-anchor=\"start\">\n"
            for tick in secondaryTicks {
                if let label = tick.label, let y = secondaryMap.position(tick.value), y >= pt - 0.5, y <= pb + 0.5 {
                    o += "<text x=\"\(fmt(pr + L.tickLength + 3))\" y=\"\(fmt(y + L.tickSize * 0.35))\">\(xmlEscaped(label))</text>\n"
                }
            }
            o += "</g>\n"
        }

        // The broken-axis mark between the "0" slot and the first decade.
        if let zeroAt = xMap.zeroAt {
            let bx = (zeroAt + xMap.start) / 2
            o += "<g class=\"axis-break\">"
            o += "<rect x=\"\(fmt(bx - 3.5))\" y=\"\(fmt(pb - 5))\" width=\"7\" height=\"10\" fill=\"white\"/>"
            o += "<line x1=\"\(fmt(bx - 5.5))\" y1=\"\(fmt(pb + 4))\" x2=\"\(fmt(bx - 1.5))\" y2=\"\(fmt(pb - 4))\" stroke=\"#333333\" stroke-width=\"1\"/>"
            o += "<line x1=\"\(fmt(bx + 1.5))\" y1=\"\(fmt(pb + 4))\" x2=\"\(fmt(bx + 5.5))\" y2=\"\(fmt(pb - 4))\" stroke=\"#333333\" stroke-width=\"1\"/>"
            o += "</g>\n"
        }

        // Axis labels.
        if !chart.xLabel.isEmpty {
            let text = truncated(chart.xLabel, size: L.labelSize, maxWidth: width - 2 * L.margin)
            o += "<text class=\"x-label\" x=\"\(fmt((pl + pr) / 2))\" y=\"\(fmt(g.xLabelBaseline))\" text-anchor=\"middle\" font-size=\"\(fmt(L.labelSize))\" fill=\"#111111\">\(xmlEscaped(text))</text>\n"
        }
        if !chart.yLabel.isEmpty {
            let text = truncated(chart.yLabel, size: L.labelSize, maxWidth: height - 2 * L.margin)
            let x = L.margin + L.labelSize * 0.8, y = (pt + pb) / 2
            o += "<text class=\"y-label\" x=\"\(fmt(x))\" y=\"\(fmt(y))\" transform=\"rotate(-90 \(fmt(x)) \(fmt(y)))\" text-anchor=\"middle\" font-size=\"\(fmt(L.labelSize))\" fill=\"#111111\">\(xmlEscaped(text))</text>\n"
        }
        if let secondary = chart.secondary, !secondary.label.isEmpty {
            let text = truncated(secondary.label, size: L.labelSize, maxWidth: height - 2 * L.margin)
            let x = pr + L.tickLength + 3 + secondaryTickWidth + 8 + L.labelSize * 0.2, y = (pt + pb) / 2
            o += "<text class=\"secondary-label\" x=\"\(fmt(x))\" y=\"\(fmt(y))\" transform=\"rotate(90 \(fmt(x)) \(fmt(y)))\" text-anchor=\"middle\" font-size=\"\(fmt(L.labelSize))\" fill=\"#111111\">\(xmlEscaped(text))</text>\n"
        }

        // Labels of the vertical marks, above the plot.
        if !marks.isEmpty {
            let rowCount = marks.map(\.row).max()! + 1
            o += "<g class=\"mark-labels\" font-size=\"\(fmt(L.markSize))\" fill=\"#555555\">\n"
            for mark in marks {
                let y = pt - 4 - Double(rowCount - 1 - mark.row) * L.markRowHeight
                let x = mark.anchorEnd ? mark.x - 3 : mark.x + 1
                o += "<line x1=\"\(fmt(mark.x))\" y1=\"\(fmt(y + 3))\" x2=\"\(fmt(mark.x))\" y2=\"\(fmt(pt))\" stroke=\"#888888\" stroke-width=\"1\"/>"
                o += "<text x=\"\(fmt(x + (mark.anchorEnd ? 0 : 2)))\" y=\"\(fmt(y))\"\(mark.anchorEnd ? " text-anchor=\"end\"" : "")>\(xmlEscaped(mark.label))</text>\n"
            }
            o += "</g>\n"
        }

        // Legend.
        if !prepared.isEmpty {
            let columns = min(g.legendColumns, prepared.count)
            let boxWidth = Double(columns) * g.legendColumnWidth
            let boxHeight = Double(g.legendRows) * L.legendRowHeight + 8
            let maxText = g.legendColumnWidth - (8 + L.legendSample + 6 + 6)
            o += "<g class=\"legend\" font-size=\"\(fmt(L.legendSize))\" fill=\"#222222\">\n"
            o += "<rect x=\"\(fmt(g.legendX))\" y=\"\(fmt(g.legendY))\" width=\"\(fmt(boxWidth))\" height=\"\(fmt(boxHeight))\" rx=\"3\" fill=\"white\" stroke=\"#cccccc\" stroke-width=\"1\"/>\n"
            for (i, s) in prepared.enumerated() {
                // Column-major on the right, row-major underneath.
                let column = g.legendRight ? i / g.legendRows : i % columns
                let row = g.legendRight ? i % g.legendRows : i / columns
                let x = g.legendX + Double(column) * g.legendColumnWidth
                let cy = g.legendY + 4 + (Double(row) + 0.5) * L.legendRowHeight
                var line = "<line x1=\"\(fmt(x + 8))\" y1=\"\(fmt(cy))\" x2=\"\(fmt(x + 8 + L.legendSample))\" y2=\"\(fmt(cy))\" stroke=\"\(xmlEscaped(s.color))\" stroke-width=\"1.8\""
                if s.dashed { line += " stroke-dasharray=\"6 3.5\"" }
                o += line + "/>"
                if s.markers {
                    o += "<circle cx=\"\(fmt(x + 8 + L.legendSample / 2))\" cy=\"\(fmt(cy))\" r=\"\(fmt(L.markerRadius))\" fill=\"\(xmlEscaped(s.color))\"/>"
                }
                let text = truncated(s.label, size: L.legendSize, maxWidth: maxText)
                o += "<text x=\"\(fmt(x + 8 + L.legendSample + 6))\" y=\"\(fmt(cy + L.legendSize * 0.35))\">\(xmlEscaped(text))</text>\n"
            }
            o += "</g>\n"
        }

        // Notes and the empty-chart message.
        if !notes.isEmpty {
            o += "<g class=\"notes\" font-size=\"\(fmt(L.noteSize))\" font-style=\"italic\" fill=\"#666666\">\n"
            for (i, note) in notes.enumerated() {
                let y = height - L.margin - Double(notes.count - 1 - i) * 13 - 2
                let text = truncated(note, size: L.noteSize, maxWidth: width - 2 * L.margin)
                o += "<text x=\"\(fmt(L.margin))\" y=\"\(fmt(y))\">\(xmlEscaped(text))</text>\n"
            }
            o += "</g>\n"
        }
        if !anyDrawn {
            o += "<text class=\"no-data\" x=\"\(fmt((pl + pr) / 2))\" y=\"\(fmt((pt + pb) / 2))\" text-anchor=\"middle\" font-size=\"13\" fill=\"#888888\">no data</text>\n"
        }
        return o
    }
}
