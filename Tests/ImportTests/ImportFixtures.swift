import Foundation
import LocalRankTestSupport
import Testing

/// The local-rank bounds the fixture generator computes in float64 from the original arrays.
struct ReferenceRun: Sendable {
    var steps: [Int]
    var sizes: [Int]
    var activations: [String]
    /// `[checkpoint][layer]`: the mean count of singular values above ε(1 + δ) and ε(1 − δ).
    var low: [[Double]]
    var high: [[Double]]
}

/// The fixture directory, removed when the test process exits: a `static let` is never
/// deinitialized, so its `TemporaryDirectory` would otherwise stay in /tmp.
nonisolated(unsafe) private var fixtureDirectoryToRemove: String?

/// Checkpoints written by the real writers (Keras 3, safetensors), made once per test
/// process by `Tests/python/make_import_fixtures.py`, with its float64 reference.
final class ImportFixtures: Sendable {
    let directory: TemporaryDirectory
    let references: [String: ReferenceRun]

    static let shared = Result { try ImportFixtures() }

    static func get() throws -> ImportFixtures { try shared.get() }

    private init() throws {
        try ImportFixtures.requireModules()
        directory = try TemporaryDirectory(prefix: "lr-import-fixtures")
        fixtureDirectoryToRemove = directory.url.path
        atexit {
            if let path = fixtureDirectoryToRemove { try? FileManager.default.removeItem(atPath: path) }
        }
        let generator = CommandLineTools.repositoryRoot.appendingPathComponent("Tests/python/make_import_fixtures.py").path
        let output = try Python.run(
            "import sys, runpy; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')",
            arguments: [generator, directory.url.path])
        guard let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: [String: Any]] else {
            throw Python.Failure(description: "the fixture generator printed no JSON object: \(output.prefix(200))")
        }
        var references = [String: ReferenceRun]()
        for (name, set) in json {
            references[name] = ReferenceRun(
                steps: set["steps"] as! [Int], sizes: set["sizes"] as! [Int], activations: set["activations"] as! [String],
                low: set["low"] as! [[Double]], high: set["high"] as! [[Double]])
        }
        self.references = references
    }

    /// Like `Python.requireModules`, with Keras told to use JAX (Keras 3 imports TensorFlow otherwise).
    static func requireModules() throws {
        let missing = try Python.run("""
            import importlib, os, sys
            os.environ.setdefault('KERAS_BACKEND', 'jax')
            for name in ['numpy', 'h5py', 'jax', 'keras', 'safetensors', 'ml_dtypes']:
                try:
                    importlib.import_module(name)
                except ImportError:
                    print(name)
                    break
            """).trimmingCharacters(in: .whitespacesAndNewlines)
        if !missing.isEmpty {
            throw Python.Failure(description: "\(missing) is not installed; run `make test`, which installs it")
        }
    }

    func path(_ name: String) -> String { directory.path(name) }
}

/// Runs `lr-import` with `arguments` (plus `--quiet`).
@discardableResult
func runImport(_ arguments: [String]) throws -> CommandLineTools.Outcome {
    try CommandLineTools.run("lr-import", arguments + ["--quiet"])
}

/// `lr-analyze RUN --eps 1e-3 --format json`, parsed.
func analyze(_ run: String) throws -> [String: Any] {
    let outcome = try CommandLineTools.run("lr-analyze", [run, "--eps", "1e-3", "--format", "json", "--quiet"])
    #expect(outcome.status == 0, "\(outcome.standardError)")
    return try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any] ?? [:]
}

/// Checks that lr-analyze's local ranks of `run` lie within the reference's float64 bounds.
func expectAgreement(_ run: String, with reference: ReferenceRun, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let report = try analyze(run)
    let checkpoints = report["checkpoints"] as? [[String: Any]] ?? []
    #expect(checkpoints.map { $0["step"] as? Int ?? -1 } == reference.steps, sourceLocation: sourceLocation)
    #expect((report["layers"] as? [[String: Any]])?.map { $0["width"] as? Int ?? -1 } == Array(reference.sizes.dropFirst()),
            sourceLocation: sourceLocation)
    for (k, checkpoint) in checkpoints.enumerated() where k < reference.low.count {
        let ranks = (checkpoint["local_rank"] as? [[Double]])?.first ?? []
        #expect(ranks.count == reference.low[k].count, sourceLocation: sourceLocation)
        for (l, rank) in ranks.enumerated() where l < reference.low[k].count {
            #expect(rank >= reference.low[k][l] - 1e-9 && rank <= reference.high[k][l] + 1e-9,
                    "step \(reference.steps[k]) layer \(l): lr-analyze \(rank), numpy \(reference.low[k][l])…\(reference.high[k][l])",
                    sourceLocation: sourceLocation)
        }
    }
}

/// Checks that `lr-import arguments` refused its input the promised way: exit status 1,
/// one line `lr-import: error: FILE: problem` naming `file` and containing `says`, no
/// output, and no temporary file left in the output's directory.
func expectRefusal(_ arguments: [String], out: String, file: String, says: String,
                   sourceLocation: SourceLocation = #_sourceLocation) throws {
    let outcome = try runImport(arguments + ["--out", out])
    #expect(outcome.status == 1, "exit status \(outcome.status): \(outcome.standardError)", sourceLocation: sourceLocation)
    let lines = outcome.standardError.split(separator: "\n", omittingEmptySubsequences: true)
    #expect(lines.count == 1, "not one line: \(outcome.standardError)", sourceLocation: sourceLocation)
    let line = String(lines.first ?? "")
    #expect(line.hasPrefix("lr-import: error: \(file): "), "\(line)", sourceLocation: sourceLocation)
    #expect(line.contains(says), "\(line) does not say \"\(says)\"", sourceLocation: sourceLocation)
    #expect(!FileManager.default.fileExists(atPath: out), "\(out) was left behind", sourceLocation: sourceLocation)
    let directory = (out as NSString).deletingLastPathComponent
    let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: directory))?.filter { $0.contains(".lr-import-") } ?? []
    #expect(leftovers.isEmpty, "temporary files left: \(leftovers)", sourceLocation: sourceLocation)
}

/// A safetensors file from a header (JSON text) and a data area, as the format lays
/// them out: the header length as 8 little-endian bytes, the header, the data.
func safetensorsBytes(header: String, data: [UInt8], headerLength: UInt64? = nil) -> Data {
    let json = Array(header.utf8)
    let length = headerLength ?? UInt64(json.count)
    return Data((0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) } + json + data)
}

/// A valid safetensors file of F32 tensors (name, shape, values), laid out in the given order.
func safetensorsFile(_ tensors: [(String, [Int], [Float])]) -> Data {
    var entries = [String]()
    var data = [UInt8]()
    for (name, shape, values) in tensors {
        let start = data.count
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { data += $0 } }
        entries.append("\"\(name)\":{\"dtype\":\"F32\",\"shape\":\(shape),\"data_offsets\":[\(start),\(data.count)]}")
    }
    return safetensorsBytes(header: "{" + entries.joined(separator: ",") + "}", data: data)
}

/// A small valid MLP `widths[0] → … → widths.last` under nn.Sequential names.
func sequentialMLP(_ widths: [Int], seed: Float = 1) -> Data {
    var tensors = [(String, [Int], [Float])]()
    for l in 0..<(widths.count - 1) {
        let count = widths[l] * widths[l + 1]
        tensors.append(("\(2 * l).weight", [widths[l + 1], widths[l]], (0..<count).map { sin(Float($0) * seed + Float(l)) }))
        tensors.append(("\(2 * l).bias", [widths[l + 1]], (0..<widths[l + 1]).map { cos(Float($0) + seed) * 0.1 }))
    }
    return safetensorsFile(tensors)
}

/// A `.npy` version 1.0 file written the way NumPy writes one (header padded to 64 bytes).
func npyBytes(descr: String, shape: [Int], fortranOrder: Bool = false, data: [UInt8], version: UInt8 = 1) -> Data {
    let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    var header = "{'descr': '\(descr)', 'fortran_order': \(fortranOrder ? "True" : "False"), 'shape': \(shapeText), }"
    let prefix = version == 1 ? 10 : 12
    while (prefix + header.utf8.count + 1) % 64 != 0 { header += " " }
    header += "\n"
    let length = header.utf8.count
    let lengthBytes: [UInt8] = version == 1
        ? [UInt8(length & 0xFF), UInt8(length >> 8)]
        : [UInt8(length & 0xFF), UInt8((length >> 8) & 0xFF), UInt8((length >> 16) & 0xFF), UInt8(length >> 24)]
    return Data([0x93] + Array("NUMPY".utf8) + [version, 0] + lengthBytes + Array(header.utf8) + data)
}

func floatBytes(_ values: [Float]) -> [UInt8] {
    values.flatMap { value in withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) } }
}

func write(_ data: Data, to path: String) throws {
    try data.write(to: URL(fileURLWithPath: path))
}
