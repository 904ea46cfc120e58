import Testing
@testable import Plots

@Suite struct SVGWriterTests {
    @Test func elementsKeepTheirAttributeOrderAndLeaveOutNil() {
        var svg = SVGWriter()
        svg.element("line", ["x1": 1.5, "y1": 2.0, "stroke": "#333333", "stroke-dasharray": nil, "x2": 1.0 / 3])
        #expect(svg.markup == "<line x1=\"1.5\" y1=\"2\" stroke=\"#333333\" x2=\"0.33\"/>\n")
    }

    @Test func attributesAndTextAreEscaped() {
        var svg = SVGWriter()
        svg.element("text", ["data-label": "a \"b\" & <c>"], text: "x < y & 'z'\u{1}", newline: false)
        #expect(svg.markup == "<text data-label=\"a &quot;b&quot; &amp; &lt;c&gt;\">x &lt; y &amp; &apos;z&apos; </text>")
    }

    @Test func groupsWrapWhatTheirBodyWrites() {
        var svg = SVGWriter()
        svg.group(["class": "markers"], newline: false) { svg in
            svg.element("circle", ["r": 2.6], newline: false)
            svg.element("circle", ["r": 1.0], newline: false)
        }
        svg.open("defs", [:], newline: false)
        svg.close("defs")
        #expect(svg.markup == "<g class=\"markers\"><circle r=\"2.6\"/><circle r=\"1\"/></g>\n<defs></defs>\n")
    }

    @Test func coordinatesHaveAtMostTwoDecimals() {
        #expect(1234.5678.svgText == "1234.57")
        #expect((-0.001).svgText == "0")
        #expect(Double.nan.svgText == "0")
        #expect(1e300.svgText == "10000000")
    }

    @Test func pathDataJoinsPiecesWithoutSeparators() {
        var path = PathData()
        path.polyline([Pixel(x: 1, y: 2), Pixel(x: 3.25, y: 4)])
        path.polyline([])
        path.polyline([Pixel(x: 5, y: 6)])
        path.line(to: Pixel(x: 7, y: 8))
        path.close()
        #expect(path.svgText == "M1 2L3.25 4M5 6L7 8Z")
    }
}
