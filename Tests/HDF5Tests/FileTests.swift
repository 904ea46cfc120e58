import Foundation
import HDF5
import LocalRankTestSupport
import Testing

extension HDF5Tests {
    @Suite("Files")
    struct FileTests {
        @Test("create refuses to overwrite unless asked, and truncate replaces the file")
        func createModes() throws {
            let directory = try TemporaryDirectory(prefix: "hdf5-files")
            let path = directory.path("run.h5")
            do {
                let file = try HDF5File.create(path)
                _ = try file.root.createGroup("old")
                try file.close()
            }
            let error = expectHDF5Error { try HDF5File.create(path) }
            #expect(error?.operation == "create file")
            #expect(error?.description.hasPrefix(path) == true)

            let file = try HDF5File.create(path, mode: .truncate)
            #expect(try file.root.memberNames() == [])
            #expect(file.path == path)
            try file.close()
        }

        @Test("read-only files can be read but not written; read-write files can be written")
        func accessModes() throws {
            let directory = try TemporaryDirectory(prefix: "hdf5-files")
            let path = directory.path("access.h5")
            do {
                let file = try HDF5File.create(path)
                try file.root.writeDataset("values", [1, 2, 3] as [Double], shape: [3])
                try file.close()
            }
            do {
                let file = try HDF5File.open(path)
                #expect(try file.root.openDataset("values").read(as: Double.self) == [1, 2, 3])
                let error = expectHDF5Error { try file.root.createGroup("new") }
                #expect(error?.path == "\(path):/new")
                expectHDF5Error { try file.root.openDataset("values").write([4, 5, 6] as [Double]) }
            }
            do {
                let file = try HDF5File.open(path, mode: .readWrite)
                try file.root.openDataset("values").write([4, 5, 6] as [Double])
                _ = try file.root.createGroup("new")
                try file.close()
            }
            let file = try HDF5File.open(path)
            #expect(try file.root.openDataset("values").read(as: Double.self) == [4, 5, 6])
            #expect(file.root.contains("new"))
        }

        @Test("files are written in the HDF5 1.10 format (superblock version 3)")
        func fileFormat() throws {
            let directory = try TemporaryDirectory(prefix: "hdf5-files")
            let path = directory.path("format.h5")
            try HDF5File.create(path).close()
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)).prefix(9))
            #expect(bytes.prefix(8) == [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a])
            #expect(bytes.count == 9 && bytes[8] == 3)
        }

        @Test("the library version is reported")
        func version() {
            let parts = HDF5Library.version.split(separator: ".").compactMap { Int($0) }
            #expect(parts.count == 3)
            #expect(parts.count == 3 && (parts[0], parts[1]) >= (1, 10))
        }

        @Test("close is idempotent and later use throws instead of crashing")
        func closing() throws {
            let directory = try TemporaryDirectory(prefix: "hdf5-files")
            let path = directory.path("close.h5")
            let file = try HDF5File.create(path)
            let group = try file.root.createGroup("group")
            #expect(file.isOpen)
            try file.close()
            try file.close()
            #expect(!file.isOpen)
            // A group opened before closing keeps working (HDF5's weak close degree).
            try group.setAttribute("still", 1 as Int32)
            let error = expectHDF5Error { try file.root.memberNames() }
            #expect(error?.message.contains("closed") == true)
            expectHDF5Error { try file.setAttribute("late", 1 as Int32) }
            expectHDF5Error { try file.flush() }
        }

        @Test("a file's attributes are those of its root group")
        func fileAttributes() throws {
            let directory = try TemporaryDirectory(prefix: "hdf5-files")
            let file = try HDF5File.create(directory.path("attributes.h5"))
            try file.setAttribute("format", "local-rank-run")
            try file.setAttribute("version", 1 as Int64)
            #expect(try file.root.stringAttribute("format") == "local-rank-run")
            #expect(try file.attribute("version", as: Int.self) == 1)
            #expect(try file.attributeNames() == ["format", "version"])
        }

        @Test("opening something that is not an intact HDF5 file throws an error naming the file")
        func badFiles() throws {
            let directory = try TemporaryDirectory(prefix: "hdf5-bad-files")
            let text = directory.path("notes.txt")
            try "this is not an HDF5 file\n".write(toFile: text, atomically: false, encoding: .utf8)
            let empty = directory.path("empty.h5")
            #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
            let truncated = directory.path("truncated.h5")
            do {
                let file = try HDF5File.create(truncated)
                try file.root.writeDataset("data", (0..<20_000).map { Float($0) }, shape: [100, 200])
                try file.close()
            }
            let size = try FileManager.default.attributesOfItem(atPath: truncated)[.size] as? Int ?? 0
            #expect(size > 80_000)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: truncated))
            try handle.truncate(atOffset: UInt64(size / 2))
            try handle.close()
            let missing = directory.path("missing.h5")

            for path in [text, empty, truncated, missing] {
                for mode in [HDF5File.AccessMode.readOnly, .readWrite] {
                    let error = expectHDF5Error { try HDF5File.open(path, mode: mode) }
                    #expect(error?.description.hasPrefix("\(path):/: cannot open file: ") == true,
                            "\(String(describing: error))")
                    #expect(error?.message.isEmpty == false)
                }
            }
            let signature = expectHDF5Error { try HDF5File.open(text) }
            #expect(signature?.message.contains("signature") == true, "\(String(describing: signature))")
        }

        @Test("a SWMR reader cannot open the file for writing")
        func swmrReadNeedsReadOnly() throws {
            let directory = try TemporaryDirectory(prefix: "hdf5-files")
            let path = directory.path("swmr.h5")
            try HDF5File.create(path).close()
            expectHDF5Error { try HDF5File.open(path, mode: .readWrite, swmrRead: true) }
        }
    }
}
