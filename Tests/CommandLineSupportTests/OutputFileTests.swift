import CommandLineSupport
import Foundation
import Platform
import Testing

@Suite struct OutputFileTests {
    @Test func outputsAreWrittenWholeWithTheirDirectories() throws {
        let directory = NSTemporaryDirectory() + "output-files-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/a/b/table.csv"
        try writeOutputFile("x,y\n1,2\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "x,y\n1,2\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/a/b") == ["table.csv"], "no temporary file is left")
        // Under a regular file no directory can be made: the error names it and why.
        let error = #expect(throws: DirectoryError.self) { try writeOutputFile("", to: path + "/c/d.csv") }
        #expect(error?.directory == path && error?.reason == .fileExists)
    }
}
