import Dispatch
import Foundation
import HDF5
import LocalRankTestSupport
import Testing

extension HDF5Tests {
    @Suite("Errors, limits and external links")
    struct SafetyTests {
        @Test("errors name the operation, the file and object path, and HDF5's reason, on one line")
        func errorDescriptions() throws {
            let directory = try TemporaryDirectory(prefix: "hdf5-errors")
            let path = directory.path("errors.h5")
            let file = try HDF5File.create(path)
            _ = try file.root.createGroup("weights")

            let missing = try #require(expectHDF5Error { try file.root.openDataset("weights/0/weight") })
            #expect(missing.operation == "open dataset")
            #expect(missing.path == "\(path):/weights/0/weight")
            #expect(missing.description == "\(missing.path): cannot \(missing.operation): \(missing.message)")

            // A failure detected by HDF5 itself carries the message from its error stack.
            let duplicate = try #require(expectHDF5Error { try file.root.createGroup("weights") })
            #expect(duplicate.message.contains("already exists"), "\(duplicate)")

            let custom = HDF5Error(.other, operation: "read run", path: "run.h5:/", message: "bad format")
            #expect(custom.description == "run.h5:/: cannot read run: bad format")
        }

        @Test("HDF5 prints nothing to standard error, whichever thread an error happens on")
        func noErrorPrinting() throws {
            let directory = try TemporaryDirectory(prefix: "hdf5-errors")
            let text = directory.path("text.h5")
            try "not HDF5".write(toFile: text, atomically: false, encoding: .utf8)
            let captured = try captureStandardError {
                FileHandle.standardError.write(Data("marker\n".utf8))
                let done = DispatchSemaphore(value: 0)
                Thread.detachNewThread {
                    _ = try? HDF5File.open(text)
                    done.signal()
                }
                done.wait()
                DispatchQueue.concurrentPerform(iterations: 4) { _ in
                    _ = try? HDF5File.open(text)
                }
                _ = try? HDF5File.open(text)
            }
            #expect(captured.contains("marker"))
            #expect(!captured.contains("HDF5-DIAG"), "\(captured)")
        }

        @Test("numeric reads of string datasets are refused, and strings can be read")
        func stringDatasets() throws {
            let directory = try TemporaryDirectory(prefix: "hdf5-errors")
            let path = directory.path("strings.h5")
            try HDF5File.create(path).close()
            try createFixedLengthStringDataset(in: path, named: "labels", ["abcde", "xyz", "é"], width: 5)
            let dataset = try HDF5File.open(path).root.openDataset("labels")
            #expect(try dataset.elementType == .string)
            let error = expectHDF5Error { try dataset.read(as: Float.self) }
            #expect(error?.description == "\(path):/labels: cannot read dataset: stored as string, cannot read as float32")
            expectHDF5Error { try dataset.read(as: Int64.self, offset: [0], count: [1]) }
            #expect(try dataset.readStrings() == ["abcde", "xyz", "é"])
            let numbers = try HDF5File.create(directory.path("numbers.h5")).root
                .writeDataset("n", [1] as [Int32], shape: [1])
            expectHDF5Error { try numbers.readStrings() }
        }

        @Test("a dataset declaring an enormous extent is refused before anything is allocated")
        func hugeExtent() throws {
            let directory = try TemporaryDirectory(prefix: "hdf5-limits")
            let path = directory.path("huge.h5")
            do {
                let file = try HDF5File.create(path)
                let dataset = try file.root.createDataset("huge", of: Float.self, shape: [0, 1 << 20],
                                                          maximumShape: [nil, nil], chunkShape: [1, 1024])
                try dataset.extend(to: [1 << 40, 1 << 20])
                try file.close()
            }
            #expect(HDF5Limits.maximumReadBytes == 8 << 30)
            let dataset = try HDF5File.open(path).root.openDataset("huge")
            #expect(try dataset.shape == [1 << 40, 1 << 20])
            let whole = expectHDF5Error { try dataset.read(as: Float.self) }
            #expect(whole?.message.contains("HDF5Limits.maximumReadBytes") == true, "\(String(describing: whole))")
            expectHDF5Error { try dataset.read(as: Double.self, offset: [0, 0], count: [1 << 12, 1 << 20]) }
            // Small pieces of it are still readable (unwritten chunks read as zeros).
            #expect(try dataset.read(as: Float.self, offset: [1 << 39, 5], count: [2, 2]) == [0, 0, 0, 0])
        }

        @Test("element counts that overflow are refused")
        func overflowingExtent() throws {
            let directory = try TemporaryDirectory(prefix: "hdf5-limits")
            let file = try HDF5File.create(directory.path("overflow.h5"))
            let dataset = try file.root.createDataset("d", of: UInt8.self, shape: [0, 0, 0],
                                                      maximumShape: [nil, nil, nil], chunkShape: [1, 1, 64])
            try dataset.extend(to: [1 << 30, 1 << 30, 1 << 10])
            let error = expectHDF5Error { try dataset.read(as: UInt8.self) }
            #expect(error?.message.contains("more elements than can be addressed") == true,
                    "\(String(describing: error))")
            expectHDF5Error { try file.root.writeDataset("e", [] as [UInt8], shape: [1 << 32, 1 << 32]) }
        }

        @Test("external links are not followed unless asked")
        func externalLinks() throws {
            let directory = try TemporaryDirectory(prefix: "hdf5-links")
            let targetPath = directory.path("target.h5")
            let mainPath = directory.path("main.h5")
            do {
                let target = try HDF5File.create(targetPath)
                try target.root.writeDataset("inner/values", [1, 2, 3] as [Int32], shape: [3])
                let main = try HDF5File.create(mainPath)
                _ = try main.root.createGroup("real/group")
                try target.close()
                try main.close()
            }
            try createExternalLink(in: mainPath, named: "ext", to: targetPath, "/inner")
            try createSoftLink(in: mainPath, named: "soft", to: "/ext/values")
            try createSoftLink(in: mainPath, named: "inside", to: "/real/group")

            let file = try HDF5File.open(mainPath)
            let root = file.root
            #expect(try root.memberNames() == ["ext", "inside", "real", "soft"])
            #expect(root.contains("real/group"))
            #expect(root.contains("inside"))
            #expect(!root.contains("ext"))
            #expect(!root.contains("ext/values"))
            #expect(!root.contains("/ext/values"))
            #expect(!root.contains("soft"))
            #expect(HDF5Library.openObjectCount(inFilesUnder: targetPath) == 0)

            let group = expectHDF5Error { try root.openGroup("ext") }
            #expect(group?.message.contains("/ext is an external link to \(targetPath):/inner") == true,
                    "\(String(describing: group))")
            let dataset = expectHDF5Error { try root.openDataset("ext/values") }
            #expect(dataset?.message.contains("external link") == true, "\(String(describing: dataset))")
            expectHDF5Error { try root.openDataset("soft") }
            #expect(HDF5Library.openObjectCount(inFilesUnder: targetPath) == 0)
            #expect(try root.openGroup("inside").path == "/inside")

            do {
                let followed = try root.openGroup("ext", followExternalLinks: true)
                #expect(try followed.memberNames() == ["values"])
                #expect(try root.openDataset("ext/values", followExternalLinks: true).read(as: Int32.self)
                        == [1, 2, 3])
                #expect(try root.openDataset("soft", followExternalLinks: true).read(as: Int32.self) == [1, 2, 3])
                #expect(HDF5Library.openObjectCount(inFilesUnder: targetPath) > 0)
            }
            // Releasing the objects closes the external file again.
            #expect(HDF5Library.openObjectCount(inFilesUnder: targetPath) == 0)
        }
    }
}

/// Runs `body` with file descriptor 2 redirected into a pipe and returns what
/// was written to it.
private func captureStandardError(_ body: () throws -> Void) throws -> String {
    let pipe = Pipe()
    let saved = dup(2)
    try #require(saved >= 0)
    let reader = StandardErrorReader(pipe.fileHandleForReading)
    dup2(pipe.fileHandleForWriting.fileDescriptor, 2)
    do {
        try body()
    } catch {
        dup2(saved, 2)
        close(saved)
        throw error
    }
    dup2(saved, 2)
    close(saved)
    try pipe.fileHandleForWriting.close()
    return String(decoding: reader.wait(), as: UTF8.self)
}

/// Drains a pipe on a background thread so that writers never block.
private final class StandardErrorReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
