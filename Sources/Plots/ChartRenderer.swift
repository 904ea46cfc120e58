/// Renders one chart's elements (the document around them is the caller's) in four stages,
/// each deciding one thing from what the previous ones decided:
///
/// 1. `PreparedSeries.prepare`: colours, dashes and markers of the series;
/// 2. `AxisRanges`: scales, data intervals, and notes on values left out; then series that
///    lie on others are dashed, with a note;
/// 3. `ChartLayout`: the pixels of everything;
/// 4. `ChartDrawing`: the SVG elements, back to front.
struct ChartRenderer {
    let chart: LineChart
    /// Prepended to element ids, which must be unique in the whole document (`svgGrid`).
    let idPrefix: String

    func render() -> String {
        var series = PreparedSeries.prepare(chart)
        var ranges = AxisRanges(chart: chart, series: series)
        ranges.notes += PreparedSeries.markCoincidences(&series, ranges: ranges)
        let layout = ChartLayout(chart: chart, series: series, ranges: ranges)
        var svg = SVGWriter()
        ChartDrawing(chart: chart, series: series, ranges: ranges, layout: layout, clipID: idPrefix + "plot-area").draw(&svg)
        return svg.markup
    }
}
