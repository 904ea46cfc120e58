import Foundation
import LocalRankTestSupport
import Testing

/// lr-import on a disk that fills up, and HDF5 inputs that keep their data in other files.
@Suite(.serialized) struct ImportFaultTests {
    @Test("lr-import on a disk that fills up at any point: one line, no crash, nothing left behind")
    func importOnAFullDisk() throws {
        let fixtures = try ImportFixtures.get()
        let arguments = ["safetensors", fixtures.path("fc/*.safetensors"), "--activations", "relu,tanh",
                         "--probe", fixtures.path("probe64.npy"), "--quiet"]
        let complete = try TemporaryDirectory(prefix: "import-complete")
        #expect(try CommandLineTools.run("lr-import", arguments + ["--out", complete.path("run.h5")]).status == 0)
        let size = try FileManager.default.attributesOfItem(atPath: complete.path("run.h5"))[.size] as! Int
        var tried = 0, stopped = 0, problems = [String]()
        for failure in [WriteFault.Failure.noSpace, .inputOutput] {
            for bytes in WriteFault.budgets(upTo: size * 3, count: 3) {
                let disk = try TemporaryDirectory(prefix: "disk")
                let fault = WriteFault(directory: disk.url.path, bytes: bytes, failure: failure)
                let out = disk.path("run.h5")
                let outcome = try CommandLineTools.run("lr-import", arguments + ["--out", out], environment: try fault.environment(),
                                                       timeout: 60)
                tried += 1
                let left = try FileManager.default.contentsOfDirectory(atPath: disk.url.path)
                if outcome.signaled || outcome.timedOut { problems.append("\(fault): crashed") }
                if outcome.status == 0 { continue }
                stopped += 1
                let expected = "lr-import: error: \(out): cannot write it (\(failure.message)); nothing was written\n"
                if outcome.standardError != expected { problems.append("\(fault): \(outcome.standardError)") }
                if !left.isEmpty { problems.append("\(fault): left \(left)") }
            }
        }
        print("write faults, lr-import: \(tried) budgets: \(stopped) stopped with one line, \(tried - stopped) finished, 0 crashes, \(problems.count) problems")
        #expect(problems.isEmpty, "\(problems.prefix(5).joined(separator: "\n"))")
    }

    /// A copy of an HDF5 file whose dataset `name` keeps its data elsewhere: in a raw file
    /// (external storage) or in another HDF5 file (a virtual dataset's source).
    static let pointElsewhere = """
        import sys, shutil, h5py, numpy as np
        source, name, kind, out, other = sys.argv[1:6]
        shutil.copy(source, out)
        with h5py.File(out, "r+") as f:
            values = f[name][...]
            del f[name]
            if kind == "external":
                values.tofile(other)
                f.create_dataset(name, shape=values.shape, dtype=values.dtype, external=[(other, 0, values.nbytes)])
            else:
                with h5py.File(other, "w") as g:
                    g["values"] = values
                layout = h5py.VirtualLayout(shape=values.shape, dtype=values.dtype)
                layout[...] = h5py.VirtualSource(other, "values", shape=values.shape)
                f.create_virtual_dataset(name, layout)
        """

    @Test("an HDF5 probe or Keras file keeping data in other files is refused with one line unless --allow-external")
    func dataInOtherFilesIsRefused() throws {
        let fixtures = try ImportFixtures.get()
        let directory = try TemporaryDirectory(prefix: "import-external")
        // The probe as an HDF5 dataset with external raw storage.
        let probe = directory.path("probe.h5")
        try Python.run("import sys, numpy as np, h5py\nh5py.File(sys.argv[2], 'w')['x'] = np.load(sys.argv[1])",
                       arguments: [fixtures.path("probe64.npy"), directory.path("plain.h5")])
        try Python.run(Self.pointElsewhere, arguments: [directory.path("plain.h5"), "x", "external", probe, directory.path("x.bin")])
        let checkpoints = ["safetensors", fixtures.path("fc/*.safetensors"), "--activations", "relu,tanh"]
        try expectRefusal(checkpoints + ["--probe", probe + ":/x"], out: directory.path("a.h5"), file: probe,
                          says: "/x: its data is stored in another file, \(directory.path("x.bin")) (external raw storage); pass --allow-external to read it")
        #expect(try runImport(checkpoints + ["--probe", probe + ":/x", "--allow-external", "--out", directory.path("a.h5")]).status == 0)

        // A Keras 3 checkpoint whose first kernel is a virtual dataset reading another file.
        let keras = directory.path("epoch-3.weights.h5")
        let kernel = try Python.run("""
            import sys, h5py
            names = []
            h5py.File(sys.argv[1], "r").visititems(lambda n, o: names.append(n) if isinstance(o, h5py.Dataset) else None)
            print(sorted(names)[0])
            """, arguments: [fixtures.path("keras3/epoch-3.weights.h5")]).trimmingCharacters(in: .newlines)
        try Python.run(Self.pointElsewhere, arguments: [fixtures.path("keras3/epoch-3.weights.h5"), kernel, "virtual", keras,
                                                        directory.path("kernel.h5")])
        let kerasArguments = ["keras", keras, "--activations", "relu,tanh,relu,relu,tanh", "--probe", fixtures.path("probe.npy")]
        try expectRefusal(kerasArguments, out: directory.path("b.h5"), file: keras,
                          says: "its data is stored in another file, \(directory.path("kernel.h5")) (a source of a virtual dataset); pass --allow-external to read it")
        let allowed = try runImport(kerasArguments + ["--allow-external", "--out", directory.path("b.h5")])
        #expect(allowed.status == 0, "\(allowed.standardError)")
    }
}
