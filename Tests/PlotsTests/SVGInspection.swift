import Foundation
import Testing

/// One element of a parsed SVG document, as reported by python3's xml.etree.ElementTree.
struct Element: Decodable {
    var tag: String
    var attrs: [String: String]
    /// All text inside the element, children included.
    var text: String
    /// `class` attributes of the enclosing elements, outermost first.
    var ancestors: [String]

    var classes: [String] { (attrs["class"] ?? "").split(separator: " ").map(String.init) }
    func within(_ cls: String) -> Bool { ancestors.contains { $0.split(separator: " ").contains(Substring(cls)) } }
}

struct ParsedSVG {
    var elements: [Element]
    var root: Element { elements[0] }

    func all(_ tag: String) -> [Element] { elements.filter { $0.tag == tag } }
    func all(_ tag: String, class cls: String) -> [Element] { all(tag).filter { $0.classes.contains(cls) } }
    /// Texts of the `<text>` elements inside a group of class `group`.
    func texts(in group: String) -> [String] { all("text").filter { $0.within(group) }.map(\.text) }
    var seriesPaths: [Element] { all("path", class: "series") }
}

enum InspectionError: Error, CustomStringConvertible {
    case toolMissing(String)
    case failed(String)
    var description: String {
        switch self {
        case .toolMissing(let message), .failed(let message): message
        }
    }
}

private let parserScript = #"""
import sys, json, xml.etree.ElementTree as ET
NS = "{http://www.w3.org/2000/svg}"
root = ET.parse(sys.argv[1]).getroot()
out = []
def walk(e, ancestors):
    cls = e.get("class")
    out.append({"tag": e.tag.replace(NS, ""), "attrs": dict(e.attrib), "text": "".join(e.itertext()), "ancestors": ancestors})
    for child in e:
        walk(child, ancestors + ([cls] if cls else []))
walk(root, [])
json.dump(out, sys.stdout)
"""#

/// The full path of an executable found on PATH.
func executableOnPath(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for directory in path.split(separator: ":") {
        let candidate = "\(directory)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

/// Runs a program; returns its exit status, standard output and standard error.
func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, stdout: Data, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes to the end before waiting, so that a full pipe cannot block the child.
    let errData = LockedData()
    let errReader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
    errReader.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !errData.done { Thread.sleep(forTimeInterval: 0.005) }
    return (process.terminationStatus, outData, String(decoding: errData.value, as: UTF8.self))
}

private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private var finished = false
    func set(_ value: Data) { lock.lock(); data = value; finished = true; lock.unlock() }
    var done: Bool { lock.lock(); defer { lock.unlock() }; return finished }
    var value: Data { lock.lock(); defer { lock.unlock() }; return data }
}

func temporaryFile(_ suffix: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("plots-test-\(UUID().uuidString)\(suffix)").path
}

/// Parses `svg` with python3's ElementTree: throws when it is not well-formed XML.
func parseSVG(_ svg: String) throws -> ParsedSVG {
    guard let python = executableOnPath("python3") else {
        throw InspectionError.toolMissing("python3 is not on PATH; it is needed to check the SVG is well-formed XML")
    }
    let file = temporaryFile(".svg")
    try svg.write(toFile: file, atomically: false, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: file) }
    let result = try run(python, ["-c", parserScript, file])
    guard result.status == 0 else {
        throw InspectionError.failed("the SVG is not well-formed XML: \(result.stderr)")
    }
    return ParsedSVG(elements: try JSONDecoder().decode([Element].self, from: result.stdout))
}
