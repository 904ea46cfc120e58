import Foundation
import HDF5
import LocalRankTestSupport
import Testing

extension HDF5Tests {
    @Suite("Failed writes and data in other files")
    struct WriteFailureTests {
        @Test("a write the disk refuses becomes the file's failure: later writes, flushes and closes throw it, nothing crashes")
        func refusedWriteIsKept() throws {
            // /dev/full takes nothing: every write fails with ENOSPC, as on a full disk.
            let file: HDF5File
            do {
                file = try HDF5File.create("/dev/full", mode: .truncate)
            } catch {
                #expect(error.kind == .writeFailed && error.message == "no space left on device", "\(error)")
                return
            }
            let dataset = try file.root.createDataset("values", of: Double.self, shape: [0], maximumShape: [nil],
                                                      chunkShape: [1024], fletcher32: true)
            try dataset.extend(to: [4096])
            try dataset.write([Double](repeating: 1, count: 4096))
            let failure = expectHDF5Error { try file.flush() }
            #expect(failure?.kind == .writeFailed && failure?.systemError?.code == ENOSPC, "\(String(describing: failure))")
            #expect(failure?.message == "no space left on device")
            #expect(file.writeFailure == failure)
            // Nothing more is asked of HDF5: the same failure, at once, for every write.
            #expect(expectHDF5Error { try dataset.write([Double](repeating: 2, count: 4096)) } == failure)
            #expect(expectHDF5Error { try file.root.setAttribute("late", 1.0) } == failure)
            #expect(expectHDF5Error { try file.synchronize() } == failure)
            #expect(expectHDF5Error { try file.close() } == failure)
            dataset.close()
            // The library goes on working for other files.
            let directory = try TemporaryDirectory(prefix: "hdf5-after-failure")
            let other = try HDF5File.create(directory.path("ok.h5"))
            try other.root.writeDataset("x", [1, 2, 3] as [Int32], shape: [3])
            try other.close()
            #expect(try HDF5File.open(directory.path("ok.h5")).root.openDataset("x").read(as: Int32.self) == [1, 2, 3])
        }

        /// A file with `/plain`, `/external` (raw storage in `raw.bin`) and `/virtual` (its
        /// source in `source.h5`), all holding 0, 1, 2, 3.
        static let writer = """
            import sys, os, h5py, numpy as np
            directory = sys.argv[1]
            values = np.arange(4, dtype=np.float64)
            values.tofile(os.path.join(directory, "raw.bin"))
            with h5py.File(os.path.join(directory, "source.h5"), "w") as g:
                g["values"] = values
            with h5py.File(os.path.join(directory, "shared.h5"), "w") as f:
                f["plain"] = values
                f.create_dataset("external", shape=(4,), dtype=np.float64, external=[(os.path.join(directory, "raw.bin"), 0, 32)])
                layout = h5py.VirtualLayout(shape=(4,), dtype=np.float64)
                layout[...] = h5py.VirtualSource(os.path.join(directory, "source.h5"), "values", shape=(4,))
                f.create_virtual_dataset("virtual", layout)
                inner = h5py.VirtualLayout(shape=(4,), dtype=np.float64)
                inner[...] = h5py.VirtualSource(".", "external", shape=(4,))
                f.create_virtual_dataset("virtual_of_external", inner)
            """

        @Test("datasets whose data lies in other files are refused, naming the file, unless the file allows them")
        func dataInOtherFiles() throws {
            try requireH5py()
            let directory = try TemporaryDirectory(prefix: "hdf5-external")
            try Python.run(Self.writer, arguments: [directory.url.path])
            let path = directory.path("shared.h5")
            let file = try HDF5File.open(path)
            #expect(try file.root.openDataset("plain").read(as: Double.self) == [0, 1, 2, 3])
            for (name, other, means) in [("external", "raw.bin", "external raw storage"),
                                         ("virtual", "source.h5", "a source of a virtual dataset"),
                                         ("virtual_of_external", "raw.bin", "external raw storage")] {
                let refused = expectHDF5Error { try file.root.openDataset(name) }
                #expect(refused?.kind == .external)
                #expect(refused?.message == "its data is stored in another file, \(directory.path(other)) (\(means))",
                        "\(String(describing: refused))")
            }
            let allowing = try HDF5File.open(path, options: .init(allowingExternalData: true))
            for name in ["external", "virtual", "virtual_of_external"] {
                #expect(try allowing.root.openDataset(name).read(as: Double.self) == [0, 1, 2, 3])
            }
        }
    }
}
