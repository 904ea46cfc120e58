import Dispatch
import Foundation
import HDF5
import LocalRankTestSupport
import Testing

extension HDF5Tests {
    @Suite("Identifier ownership and threads")
    struct OwnershipTests {
        /// Waits until the process-wide count of open HDF5 objects is back to
        /// `baseline` (other test targets may use HDF5 at the same time; their
        /// objects come and go, a leak stays). Returns the last count seen.
        private func settledGlobalCount(baseline: Int) -> Int {
            var count = HDF5Library.openObjectCount()
            let deadline = Date().addingTimeInterval(5)
            while count > baseline && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.01)
                count = HDF5Library.openObjectCount()
            }
            return count
        }

        @Test("no identifier stays open after use, after errors, or after closing")
        func noLeaks() throws {
            let directory = try TemporaryDirectory(prefix: "hdf5-leaks")
            let globalBaseline = HDF5Library.openObjectCount()
            let path = directory.path("leaks.h5")
            do {
                let file = try HDF5File.create(path)
                let baseline = try file.openObjectCount()
                #expect(baseline == 2, "the file and its root group")
                do {
                    for index in 0..<5 {
                        let group = try file.root.createGroup("groups/\(index)")
                        try group.setAttribute("index", Int32(index))
                        try group.setAttribute("name", "group \(index)")
                        try group.setAttribute("names", ["a", "b"])
                        try group.setAttribute("values", [1.5, 2.5])
                        let dataset = try group.writeDataset(
                            "values", (0..<64).map { Float($0) }, shape: [8, 8], chunkShape: [4, 4],
                            deflateLevel: 3, shuffle: true)
                        try dataset.setAttribute("units", "m")
                        _ = try dataset.read(as: Double.self)
                        _ = try dataset.read(as: Float.self, offset: [2, 2], count: [3, 3])
                        try dataset.write([1, 2, 3, 4] as [Float], offset: [0, 0], count: [2, 2])
                        _ = try dataset.shape
                        _ = try dataset.maximumShape
                        _ = try dataset.chunkShape
                        _ = try dataset.elementType
                        _ = try dataset.deflateLevel
                        _ = try dataset.isShuffled
                        _ = try group.attribute("index", as: Int.self)
                        _ = try group.attributeArray("values", as: Float.self)
                        _ = try group.stringAttribute("name")
                        _ = try group.stringArrayAttribute("names")
                        _ = try group.attributeNames()
                        _ = group.hasAttribute("index")
                        _ = try file.root.memberNames()
                        _ = file.root.contains("groups/\(index)/values")
                        let series = try group.createDataset("series", of: Int64.self, shape: [0],
                                                             maximumShape: [nil])
                        try series.append([Int64(index)])
                        try series.extend(to: [3])
                        _ = try file.root.openDataset("groups/\(index)/values").read(as: UInt8.self)
                    }
                    let kept = try file.root.openDataset("groups/0/values")
                    #expect(try file.openObjectCount() == baseline + 1)
                    _ = kept
                }
                #expect(try file.openObjectCount() == baseline)

                // Failures at every stage leave nothing open.
                let dataset = try file.root.openDataset("groups/0/values")
                try file.root.setAttribute("text", "not a number")
                let withDataset = try file.openObjectCount()
                expectHDF5Error { try file.root.openDataset("missing/values") }
                expectHDF5Error { try file.root.openGroup("groups/0/values") }
                expectHDF5Error { try file.root.openDataset("groups/0") }
                expectHDF5Error { try file.root.openDataset("groups/0/values/inside") }
                expectHDF5Error { try file.root.createGroup("groups/0") }
                expectHDF5Error { try file.root.attribute("text", as: Float.self) }
                expectHDF5Error { try file.root.attribute("missing", as: Float.self) }
                expectHDF5Error { try file.root.stringAttribute("groups") }
                expectHDF5Error { try dataset.read(as: Float.self, offset: [7, 7], count: [2, 2]) }
                expectHDF5Error { try dataset.read(as: Float.self, offset: [0], count: [2]) }
                expectHDF5Error { try dataset.write([1] as [Float]) }
                expectHDF5Error { try dataset.extend(to: [9, 8]) }
                expectHDF5Error { try dataset.readStrings() }
                expectHDF5Error { try dataset.stringAttribute("units-missing") }
                expectHDF5Error { try file.root.writeDataset("bad", [1] as [Float], shape: [2]) }
                expectHDF5Error {
                    try file.root.createDataset("bad", of: Float.self, shape: [4], chunkShape: [8])
                }
                #expect(try file.openObjectCount() == withDataset)
                try file.close()
                // The dataset still holds the file open until it is released.
                #expect(HDF5Library.openObjectCount(inFilesUnder: directory.url.path) == 1)
                _ = dataset
            }
            #expect(HDF5Library.openObjectCount(inFilesUnder: directory.url.path) == 0)

            // Opening things that are not HDF5 files leaves nothing open either.
            let text = directory.path("text.h5")
            try "plain text".write(toFile: text, atomically: false, encoding: .utf8)
            let truncated = directory.path("truncated.h5")
            try FileManager.default.copyItem(atPath: path, toPath: truncated)
            let size = try #require(try FileManager.default.attributesOfItem(atPath: truncated)[.size] as? Int)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: truncated))
            try handle.truncate(atOffset: UInt64(size / 2))
            try handle.close()
            for bad in [text, truncated, directory.path("missing.h5")] {
                expectHDF5Error { try HDF5File.open(bad) }
                expectHDF5Error { try HDF5File.open(bad, mode: .readWrite) }
            }
            expectHDF5Error { try HDF5File.create(path) }
            #expect(HDF5Library.openObjectCount(inFilesUnder: directory.url.path) == 0)
            #expect(settledGlobalCount(baseline: globalBaseline) <= globalBaseline)
        }

        @Test("threads can read and write concurrently")
        func concurrentAccess() throws {
            let directory = try TemporaryDirectory(prefix: "hdf5-threads")
            let path = directory.path("threads.h5")
            let file = try HDF5File.create(path)
            let shared = try file.root.writeDataset("shared", (0..<1000).map { Double($0) }, shape: [10, 100])
            let problems = ProblemLog()
            let workers = 8
            let steps = 40
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                do {
                    let group = try file.root.createGroup("workers/\(worker)")
                    let series = try group.createDataset("series", of: Float.self, shape: [0, 16],
                                                         maximumShape: [nil, 16], chunkShape: [8, 16],
                                                         deflateLevel: 1)
                    for step in 0..<steps {
                        let row = (0..<16).map { Float(worker * 100_000 + step * 16 + $0) }
                        try series.append(row)
                        try group.setAttribute("step", Int64(step))
                        let back = try series.read(as: Float.self, offset: [step, 0], count: [1, 16])
                        if back != row { problems.record("worker \(worker) step \(step): read \(back)") }
                        let sharedRow = try shared.read(as: Double.self, offset: [step % 10, 0], count: [1, 100])
                        if sharedRow.first != Double((step % 10) * 100) {
                            problems.record("worker \(worker): shared row \(step % 10) wrong")
                        }
                        _ = file.root.contains("workers/\(worker)/series")
                    }
                    try group.writeDataset("done", [Int32(worker)], shape: [1])
                } catch {
                    problems.record("worker \(worker): \(error)")
                }
            }
            #expect(problems.entries.isEmpty, "\(problems.entries)")
            try file.close()

            let reopened = try HDF5File.open(path)
            #expect(try reopened.root.openGroup("workers").memberNames() == (0..<workers).map(String.init))
            for worker in 0..<workers {
                let group = try reopened.root.openGroup("workers/\(worker)")
                let expected = (0..<(steps * 16)).map { Float(worker * 100_000 + $0) }
                #expect(try group.openDataset("series").read(as: Float.self) == expected)
                #expect(try group.attribute("step", as: Int.self) == steps - 1)
                #expect(try group.openDataset("done").read(as: Int32.self) == [Int32(worker)])
            }
        }
    }
}

/// A thread-safe list of problems found by concurrent workers.
final class ProblemLog: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String] = []

    func record(_ problem: String) {
        lock.lock()
        values.append(problem)
        lock.unlock()
    }

    var entries: [String] {
        lock.lock()
        defer { lock.unlock() }
        return values
    }
}
