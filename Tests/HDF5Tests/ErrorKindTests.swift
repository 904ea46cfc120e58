import Foundation
import HDF5
import LocalRankTestSupport
import Testing

extension HDF5Tests {
    @Suite("Error kinds, the reading policy and checksums")
    struct ErrorKindTests {
        /// A small file with one checksummed, chunked dataset of 64 doubles.
        func checksummedFile(_ directory: TemporaryDirectory) throws -> String {
            let path = directory.path("checked.h5")
            let file = try HDF5File.create(path)
            try file.root.writeDataset("values", (0..<64).map(Double.init), shape: [64], chunkShape: [64],
                                       deflateLevel: nil, shuffle: false, fletcher32: true)
            try file.close()
            return path
        }

        @Test("failures carry the kind of HDF5 error a caller branches on")
        func kinds() throws {
            let directory = try TemporaryDirectory(prefix: "hdf5-kinds")
            let path = try checksummedFile(directory)
            #expect(expectHDF5Error { try HDF5File.open(directory.path("absent.h5")) }?.kind == .notFound)
            #expect(expectHDF5Error { try HDF5File.open(directory.url.path) }?.kind == .notAFile)
            #expect(expectHDF5Error { try HDF5File.create(path) }?.kind == .alreadyExists)
            let text = directory.path("text.h5")
            try Data("plain text, long enough to hold a superblock if it were one\n".utf8).write(to: URL(fileURLWithPath: text))
            #expect(expectHDF5Error { try HDF5File.open(text) }?.kind == .notHDF5)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            let truncated = directory.path("truncated.h5")
            try bytes.prefix(bytes.count - 100).write(to: URL(fileURLWithPath: truncated))
            let truncation = expectHDF5Error { try HDF5File.open(truncated) }
            #expect(truncation?.kind == .truncated)
            #expect(truncation?.message == "it is \(bytes.count - 100) bytes long, but its superblock says \(bytes.count)")
            let file = try HDF5File.open(path)
            #expect(expectHDF5Error { try file.root.openDataset("missing") }?.kind == .notFound)
            #expect(expectHDF5Error { try file.root.stringAttribute("missing") }?.kind == .notFound)
            try file.close()
            #expect(expectHDF5Error { try file.root.openDataset("values") }?.kind == .closed)
        }

        @Test("a Fletcher-32 checksum makes a damaged chunk fail to read instead of returning wrong values")
        func damagedChunkFails() throws {
            let directory = try TemporaryDirectory(prefix: "hdf5-kinds")
            let path = try checksummedFile(directory)
            let file = try HDF5File.open(path)
            #expect(try file.root.openDataset("values").isChecksummed)
            try file.close()
            // The chunk holds 0.0, 1.0, …: flip a byte inside 63.0's bytes.
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            let pattern = withUnsafeBytes(of: Double(63).bitPattern.littleEndian, Array.init)
            let at = try #require((0...(bytes.count - 8)).first { Array(bytes[$0..<($0 + 8)]) == pattern })
            bytes[at + 7] ^= 0x01
            let damaged = directory.path("damaged.h5")
            try Data(bytes).write(to: URL(fileURLWithPath: damaged))
            let reopened = try HDF5File.open(damaged)
            let error = expectHDF5Error { try reopened.root.openDataset("values").read(as: Double.self) }
            #expect(error?.kind == .damaged)
            #expect(error?.message == "a data checksum (Fletcher-32) does not match")
        }

        @Test("openForReading reads closed files plainly and files a writer holds as a SWMR reader")
        func readingPolicy() throws {
            try Python.requireModules(["h5py"])
            let directory = try TemporaryDirectory(prefix: "hdf5-kinds")
            let path = try checksummedFile(directory)
            let plain = try HDF5File.openForReading(path)
            #expect(!plain.isSWMRReader)
            try plain.close()
            // A SWMR writer that exits without closing leaves the superblock marked.
            try Python.run("""
                import os, sys, h5py
                f = h5py.File(sys.argv[1], "r+", libver=("v110", "v110"))
                f.swmr_mode = True
                f.flush()
                os._exit(0)
                """, arguments: [path])
            #expect(expectHDF5Error { try HDF5File.open(path) }?.kind == .markedOpenForWriting)
            let following = try HDF5File.openForReading(path)
            #expect(following.isSWMRReader)
            #expect(try following.root.openDataset("values").read(as: Double.self) == (0..<64).map(Double.init))
        }
    }
}
