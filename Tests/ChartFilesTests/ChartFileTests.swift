import ChartFiles
import Foundation
import LocalRankTestSupport
import Testing

@Suite struct ChartFileTests {
    static let svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">
        <rect width="200" height="100" fill="white"/><line x1="10" y1="90" x2="190" y2="10" stroke="black"/></svg>
        """

    @Test func theFormatIsTheExtensionsInAnyCase() {
        #expect(ChartFormat(path: "out/rank.svg") == .svg)
        #expect(ChartFormat(path: "RANK.PNG") == .png)
        #expect(ChartFormat(path: "a.b/rank.pdf") == .pdf)
        for other in ["rank.jpg", "rank", "svg", "dir.svg/rank"] { #expect(ChartFormat(path: other) == nil, "\(other)") }
    }

    @Test func chartsAreWrittenInEachFormat() throws {
        let directory = try TemporaryDirectory(prefix: "chart-files")
        try ChartFile.write(svg: Self.svg, to: directory.path("c.svg"), format: .svg)
        #expect(try String(contentsOfFile: directory.path("c.svg"), encoding: .utf8) == Self.svg)
        try ChartFile.write(svg: Self.svg, to: directory.path("c.png"), format: .png)
        let png = try Data(contentsOf: URL(fileURLWithPath: directory.path("c.png")))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        // IHDR's width and height: the SVG's pixels at ChartFile.pngScale.
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == Int(200 * ChartFile.pngScale) && height == Int(100 * ChartFile.pngScale))
        try ChartFile.write(svg: Self.svg, to: directory.path("c.pdf"), format: .pdf)
        let pdf = try String(decoding: Data(contentsOf: URL(fileURLWithPath: directory.path("c.pdf"))), as: UTF8.self)
        #expect(pdf.hasPrefix("%PDF") && pdf.contains("/MediaBox [ 0 0 150 75 ]"), "0.75 pt per SVG pixel")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted() == ["c.pdf", "c.png", "c.svg"])
    }

    @Test func anSVGThatCannotBeDrawnIsRefusedAndLeavesNothing() throws {
        let directory = try TemporaryDirectory(prefix: "chart-files")
        let error = #expect(throws: ChartFileError.self) {
            try ChartFile.write(svg: "<svg", to: directory.path("broken.png"), format: .png)
        }
        #expect(error?.kind == .unrenderable && error?.path == directory.path("broken.png"))
        #expect(error?.description.hasPrefix("\(directory.path("broken.png")): cannot write the chart (librsvg: ") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty)
    }
}
