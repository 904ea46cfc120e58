import Dispatch
import Foundation
import HDF5
import LocalRankTestSupport
import Testing

extension HDF5Tests {
    /// Single-writer/multiple-reader access across processes, with h5py on
    /// the other side.
    @Suite("SWMR")
    struct SWMRTests {
        @Test("h5py reads what a Swift SWMR writer has flushed, while it is still writing")
        func swiftWriterPythonReader() throws {
            try requireH5py()
            let directory = try TemporaryDirectory(prefix: "hdf5-swmr")
            let path = directory.path("writer.h5")
            let file = try HDF5File.create(path)
            let series = try file.root.createDataset("loss", of: Float.self, shape: [0, 3],
                                                     maximumShape: [nil, 3], chunkShape: [4, 3])
            try file.setAttribute("kind", "swmr")
            try file.startSWMRWrite()
            try series.append([1, 2, 3] as [Float])
            try series.append([4, 5, 6] as [Float])
            try file.flush()

            let reader = """
                import sys, h5py
                with h5py.File(sys.argv[1], 'r', swmr=True) as f:
                    d = f['loss']
                    print(d.shape, d[...].ravel().tolist(), f.attrs['kind'])
                """
            let first = try Python.run(reader, arguments: [path])
            #expect(first.trimmingCharacters(in: .whitespacesAndNewlines)
                    == "(2, 3) [1.0, 2.0, 3.0, 4.0, 5.0, 6.0] swmr")

            try series.append([7, 8, 9] as [Float])
            try series.flush()
            let second = try Python.run(reader, arguments: [path])
            #expect(second.trimmingCharacters(in: .whitespacesAndNewlines)
                    == "(3, 3) [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0] swmr")
            try file.close()
        }

        @Test("a Swift SWMR reader sees what an h5py writer flushes, after refresh()")
        func pythonWriterSwiftReader() throws {
            try requireH5py()
            let directory = try TemporaryDirectory(prefix: "hdf5-swmr")
            let path = directory.path("reader.h5")
            let ready = directory.path("ready")
            let firstRead = directory.path("first-read")
            let appended = directory.path("appended")
            let secondRead = directory.path("second-read")
            let writer = """
                import os, sys, time
                import h5py, numpy as np
                path, ready, first_read, appended, second_read = sys.argv[1:6]
                def wait_for(marker):
                    deadline = time.time() + 60
                    while not os.path.exists(marker):
                        if time.time() > deadline:
                            sys.exit('timed out waiting for ' + marker)
                        time.sleep(0.01)
                with h5py.File(path, 'w', libver=('v110', 'v110')) as f:
                    d = f.create_dataset('series', shape=(2, 3), maxshape=(None, 3), chunks=(1, 3), dtype='f8')
                    d[...] = [[0, 1, 2], [3, 4, 5]]
                    f.swmr_mode = True
                    f.flush()
                    open(ready, 'w').close()
                    wait_for(first_read)
                    d.resize((5, 3))
                    d[2:5] = np.arange(6, 15).reshape(3, 3)
                    d.flush()
                    open(appended, 'w').close()
                    wait_for(second_read)
                """
            let python = BackgroundPython(writer, arguments: [path, ready, firstRead, appended, secondRead])
            defer {
                // Let the writer finish even if an expectation below failed.
                _ = FileManager.default.createFile(atPath: firstRead, contents: nil)
                _ = FileManager.default.createFile(atPath: secondRead, contents: nil)
                python.wait()
            }
            try waitFor(ready, while: python)
            let file = try HDF5File.open(path, swmrRead: true)
            let series = try file.root.openDataset("series")
            #expect(try series.shape == [2, 3])
            #expect(try series.maximumShape == [nil, 3])
            #expect(try series.read(as: Double.self) == [0, 1, 2, 3, 4, 5])
            #expect(FileManager.default.createFile(atPath: firstRead, contents: nil))

            try waitFor(appended, while: python)
            try series.refresh()
            #expect(try series.shape == [5, 3])
            #expect(try series.read(as: Double.self) == (0..<15).map(Double.init))
            #expect(try series.read(as: Float.self, offset: [4, 0], count: [1, 3]) == [12, 13, 14])
            #expect(FileManager.default.createFile(atPath: secondRead, contents: nil))
            _ = try python.wait().get()
        }

        /// Polls for `marker`, failing early if the Python process ends first.
        private func waitFor(_ marker: String, while python: BackgroundPython) throws {
            let deadline = Date().addingTimeInterval(60)
            while !FileManager.default.fileExists(atPath: marker) {
                if let result = python.resultIfFinished {
                    _ = try result.get()
                    throw Python.Failure(description: "the Python writer ended without creating \(marker)")
                }
                guard Date() < deadline else {
                    throw Python.Failure(description: "timed out waiting for \(marker)")
                }
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
    }
}

/// `Python.run` on a background thread.
final class BackgroundPython: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<String, any Error>?
    private let finished = DispatchSemaphore(value: 0)

    init(_ script: String, arguments: [String]) {
        Thread.detachNewThread { [self] in
            let outcome = Result { try Python.run(script, arguments: arguments) }
            lock.lock()
            result = outcome
            lock.unlock()
            finished.signal()
        }
    }

    var resultIfFinished: Result<String, any Error>? {
        lock.lock()
        defer { lock.unlock() }
        return result
    }

    @discardableResult
    func wait() -> Result<String, any Error> {
        finished.wait()
        finished.signal()
        lock.lock()
        defer { lock.unlock() }
        return result!
    }
}
