/// Writes SVG markup. Every attribute value and every text passes through `xmlEscaped` here,
/// so callers hand in plain strings and cannot forget to escape one.
struct SVGWriter {
    private(set) var markup = ""

    /// Attributes in the order written; a `nil` value leaves its attribute out.
    typealias Attributes = KeyValuePairs<String, (any SVGValue)?>

    /// `<name a="…"/>`, or `<name a="…">text</name>` with `text`, then a line break unless
    /// `newline` is false (small elements that share a line, such as a series' markers).
    mutating func element(_ name: String, _ attributes: Attributes, text: String? = nil, newline: Bool = true) {
        markup += "<" + name + Self.attributeList(attributes)
        if let text {
            markup += ">" + xmlEscaped(text) + "</" + name + ">"
        } else {
            markup += "/>"
        }
        if newline { markup += "\n" }
    }

    /// `<name a="…">`, to be closed by `close(name)`.
    mutating func open(_ name: String, _ attributes: Attributes, newline: Bool = true) {
        markup += "<" + name + Self.attributeList(attributes) + ">"
        if newline { markup += "\n" }
    }

    mutating func close(_ name: String, newline: Bool = true) {
        markup += "</" + name + ">"
        if newline { markup += "\n" }
    }

    /// A `<g>` around what `body` writes, so that its elements share the group's attributes.
    mutating func group(_ attributes: Attributes, newline: Bool = true, _ body: (inout SVGWriter) -> Void) {
        open("g", attributes, newline: newline)
        body(&self)
        close("g")
    }

    private static func attributeList(_ attributes: Attributes) -> String {
        var list = ""
        for (name, value) in attributes {
            guard let value else { continue }
            list += " " + name + "=\"" + xmlEscaped(value.svgText) + "\""
        }
        return list
    }
}

/// A value of an SVG attribute: numbers are coordinates, written by `fmt`; strings as they are.
protocol SVGValue {
    var svgText: String { get }
}

extension Double: SVGValue {
    var svgText: String { fmt(self) }
}

extension String: SVGValue {
    var svgText: String { self }
}

/// A point in pixels, y downwards.
struct Pixel: Equatable {
    var x: Double
    var y: Double
}

/// The `d` attribute of a `<path>`: straight pieces, each open or closed.
struct PathData: SVGValue, Equatable {
    private(set) var svgText = ""

    mutating func move(to point: Pixel) { svgText += "M" + fmt(point.x) + " " + fmt(point.y) }
    mutating func line(to point: Pixel) { svgText += "L" + fmt(point.x) + " " + fmt(point.y) }
    /// Back to the piece's first point, so that the piece can be filled.
    mutating func close() { svgText += "Z" }

    /// A piece through `points`, in order; nothing for no points.
    mutating func polyline(_ points: [Pixel]) {
        guard let first = points.first else { return }
        move(to: first)
        for point in points.dropFirst() { line(to: point) }
    }
}
