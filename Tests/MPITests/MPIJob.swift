import Foundation
import LocalRankTestSupport

/// Runs `lr-mpi` under `mpirun --oversubscribe` (with `--allow-run-as-root` when the tests
/// run as root, as CI does), from the directory of the built tools (`LOCAL_RANK_BIN`).
enum MPIJob {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `mpirun` from `PATH`.
    static func mpirun() throws -> URL {
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in searchPath.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("mpirun")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw Failure(description: "mpirun is not on PATH; install openmpi-bin (`make test` does)")
    }

    static var lrMPI: String { CommandLineTools.binaryDirectory.appendingPathComponent("lr-mpi").path }

    /// Starts `mpirun -n ranks lr-mpi arguments…` in `directory`, every rank with `environment` added.
    static func start(ranks: Int, _ arguments: [String], in directory: URL? = nil,
                      environment: [String: String] = [:]) throws -> (Process, Pipe, Pipe) {
        guard FileManager.default.isExecutableFile(atPath: lrMPI) else {
            throw Failure(description: "\(lrMPI) is not built; run `make test`, which builds it first")
        }
        let exported = environment.keys.sorted().flatMap { ["-x", $0] }
        let flags = ["--oversubscribe"] + (getuid() == 0 ? ["--allow-run-as-root"] : []) + exported + ["-n", "\(ranks)", lrMPI]
        return try CommandLineTools.launch(try mpirun(), flags + arguments, in: directory, environment: environment)
    }

    /// Runs the job to its end, killing mpirun (and so the job) after `timeout` seconds.
    static func run(ranks: Int, _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
                    timeout: Double = 120) throws -> CommandLineTools.Outcome {
        let (process, output, error) = try start(ranks: ranks, arguments, in: directory, environment: environment)
        let finished = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            process.waitUntilExit()
            finished.signal()
        }
        let timedOut = finished.wait(timeout: .now() + timeout) == .timedOut
        if timedOut {
            kill(process.processIdentifier, SIGTERM)
            usleep(500_000)
            kill(process.processIdentifier, SIGKILL)
        }
        var outcome = CommandLineTools.finish(process, output, error)
        outcome.timedOut = timedOut
        return outcome
    }

    /// The process of rank `rank` of the job `mpirun` started (its child whose environment
    /// has OMPI_COMM_WORLD_RANK=rank), once it exists.
    static func rankProcess(_ rank: Int, of mpirun: Process) -> Int32? {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = Int32(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 2, Int32(fields[1]) == mpirun.processIdentifier,
                  let environment = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { continue }
            let variables = environment.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            if variables.contains("OMPI_COMM_WORLD_RANK=\(rank)") { return pid }
        }
        return nil
    }

    /// The lines lr-mpi itself wrote to stderr with `prefix` (mpirun adds notices of its own).
    static func lines(_ text: String, startingWith prefix: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { $0.hasPrefix(prefix) }
    }
}

/// Compares HDF5 files with h5py: every dataset's type, shape and bytes, and every attribute
/// of every object, except the datasets and attributes named.
enum HDF5Comparison {
    static let script = """
        import sys, json, h5py, numpy as np
        pairs, ignored = json.loads(sys.argv[1]), set(json.loads(sys.argv[2]))
        def objects(f):
            found = {"/": f}
            f.visititems(lambda name, o: found.__setitem__("/" + name, o))
            return found
        def same(x, y):
            x, y = np.asarray(x), np.asarray(y)
            if x.dtype.kind == "O" or y.dtype.kind == "O":
                return x.shape == y.shape and all(u == v for u, v in zip(x.ravel(), y.ravel()))
            return x.dtype == y.dtype and x.shape == y.shape and x.tobytes() == y.tobytes()
        differences = []
        for a_path, b_path in pairs:
            a, b = h5py.File(a_path, "r", swmr=True), h5py.File(b_path, "r", swmr=True)
            oa, ob = objects(a), objects(b)
            if sorted(oa) != sorted(ob):
                differences.append("%s: objects differ: %s" % (b_path, sorted(set(oa) ^ set(ob))))
            for name in sorted(set(oa) & set(ob)):
                x, y = oa[name], ob[name]
                if isinstance(x, h5py.Dataset) and name not in ignored and not same(x[()], y[()]):
                    differences.append(b_path + ": " + name)
                if sorted(x.attrs) != sorted(y.attrs):
                    differences.append("%s: %s attributes: %s" % (b_path, name, sorted(set(x.attrs) ^ set(y.attrs))))
                for key in sorted(set(x.attrs) & set(y.attrs)):
                    label = name.rstrip("/") + "/@" + key
                    if label not in ignored and not same(x.attrs[key], y.attrs[key]):
                        differences.append(b_path + ": " + label)
        print("\\n".join(differences))
        """

    /// What differs between the files of each pair (`path: object`), beyond `ignoring`.
    static func differences(_ pairs: [(String, String)], ignoring: [String]) throws -> [String] {
        let encodedPairs = String(decoding: try JSONEncoder().encode(pairs.map { [$0.0, $0.1] }), as: UTF8.self)
        let ignored = String(decoding: try JSONEncoder().encode(ignoring), as: UTF8.self)
        return try Python.run(script, arguments: [encodedPairs, ignored]).split(separator: "\n").map(String.init)
    }

    static func differences(_ a: String, _ b: String, ignoring: [String]) throws -> [String] {
        try differences([(a, b)], ignoring: ignoring)
    }
}
