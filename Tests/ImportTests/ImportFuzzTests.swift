import Foundation
import LocalRankTestSupport
import Testing

/// Damaged checkpoints and probes never crash or hang lr-import: each mutated copy is
/// imported or refused with a short error, quickly, leaves no output behind, and is left
/// as it was. Every structure boundary is a truncation, besides the random mutations.
@Suite(.serialized) struct ImportFuzzTests {
    let importer = CorruptionFuzzer(tool: "lr-import", checksInput: true)

    func plan(_ file: String, boundaries: [Int], seed: UInt64) throws -> [Mutation] {
        let size = try FileManager.default.attributesOfItem(atPath: file)[.size] as! Int
        return Mutation.plan(size: size, boundaries: boundaries, seed: seed)
    }

    /// A safetensors file's structure: the header length, the header's end and every tensor's span.
    func safetensorsBoundaries(_ file: String) throws -> [Int] {
        let offsets = try Python.run("""
            import json, struct, sys
            data = open(sys.argv[1], "rb").read()
            n = struct.unpack("<Q", data[:8])[0]
            spans = [8, 8 + n, len(data)]
            for name, tensor in json.loads(data[8:8 + n]).items():
                if name != "__metadata__":
                    spans += [8 + n + o for o in tensor["data_offsets"]]
            print(" ".join(map(str, sorted(set(spans)))))
            """, arguments: [file])
        return offsets.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    func expectClean(_ tally: CorruptionFuzzer.Tally) {
        #expect(tally.failures.isEmpty, "\(tally.failures.prefix(10).joined(separator: "\n"))")
        #expect(tally.crashes == 0 && tally.hangs == 0, "\(tally)")
    }

    @Test("mutated safetensors, Keras 3 and legacy Keras checkpoints are imported or refused, quickly")
    func mutatedCheckpoints() throws {
        let fixtures = try ImportFixtures.get()
        let probe = fixtures.path("probe64.npy"), kerasProbe = fixtures.path("probe.npy")
        let safetensors = fixtures.path("fc/ckpt-0.safetensors")
        expectClean(try importer.fuzz(safetensors, plan: plan(safetensors, boundaries: safetensorsBoundaries(safetensors), seed: 11)) { directory, mutated in
            ["safetensors", mutated, "--activations", "relu,tanh", "--probe", probe, "--out", directory + "/run.h5", "--quiet"]
        })
        for (seed, file, extra) in [(UInt64(12), fixtures.path("keras3/epoch-3.weights.h5"), ["--activations", "relu,tanh,relu,relu,tanh"]),
                                    (13, fixtures.path("legacy/epoch-1.h5"), [])] {
            let boundaries = try CorruptionFuzzer.hdf5Boundaries(of: file)
            expectClean(try importer.fuzz(file, plan: plan(file, boundaries: boundaries, seed: seed)) { directory, mutated in
                ["keras", mutated] + extra + ["--probe", kerasProbe, "--out", directory + "/run.h5", "--quiet"]
            })
        }
    }

    @Test("a mutated probe file is read or refused, quickly")
    func mutatedProbe() throws {
        let fixtures = try ImportFixtures.get()
        let checkpoints = fixtures.path("fc/*.safetensors"), probe = fixtures.path("probe64.npy")
        expectClean(try importer.fuzz(probe, plan: plan(probe, boundaries: [8, 10, 128], seed: 14)) { directory, mutated in
            ["safetensors", checkpoints, "--activations", "relu,tanh", "--probe", mutated, "--out", directory + "/run.h5", "--quiet"]
        })
    }
}
