import Foundation
import LocalRankTestSupport
import Platform
import Testing

@Suite struct PlatformTests {
    @Test("a staged file appears only when committed, and never replaces a file unless asked")
    func stagedFiles() throws {
        let directory = try TemporaryDirectory(prefix: "platform")
        let path = directory.path("out.txt")
        do {
            let staged = StagedFile(finalPath: path)
            try TextFile.write("first", to: staged.temporaryPath)
            #expect(!FileSystem.exists(path))
            try staged.commit(replacing: false)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "first")
        let second = StagedFile(finalPath: path)
        try TextFile.write("second", to: second.temporaryPath)
        #expect(throws: SystemError.fileExists) { try second.commit(replacing: false) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "first")
        try second.commit(replacing: true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second")
        do {
            let abandoned = StagedFile(finalPath: directory.path("never.txt"))
            try TextFile.write("x", to: abandoned.temporaryPath)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["out.txt"])
    }

    @Test("file-system calls report the operating system's error kinds")
    func fileSystem() throws {
        let directory = try TemporaryDirectory(prefix: "platform")
        #expect(throws: SystemError.noSuchFile) { try FileSystem.kind(of: directory.path("absent")) }
        #expect(try FileSystem.kind(of: directory.url.path) == .directory)
        try TextFile.write("abc", to: directory.path("a-1.txt"))
        try TextFile.write("abcd", to: directory.path("a-2.txt"))
        #expect(try FileSystem.kind(of: directory.path("a-1.txt")) == .regularFile)
        #expect(try FileSystem.size(of: directory.path("a-2.txt")) == 4)
        #expect(try FileSystem.paths(matching: directory.path("a-*.txt")) == [directory.path("a-1.txt"), directory.path("a-2.txt")])
        #expect(try FileSystem.paths(matching: directory.path("b-*.txt")) == [])
        try FileSystem.createDirectory(directory.path("sub"))
        try FileSystem.createDirectory(directory.path("sub"))
        #expect(throws: SystemError.noSuchFile) { try FileSystem.createDirectory(directory.path("no/such/parent")) }
        #expect(FileSystem.split("runs/a.h5") == ("runs/", "a.h5") && FileSystem.split("a.h5") == ("", "a.h5"))
        #expect(SystemError.noSuchFile.description == "no such file or directory")
    }

    @Test("a read-only file refuses reads past its end and non-regular files")
    func readOnlyFile() throws {
        let directory = try TemporaryDirectory(prefix: "platform")
        let path = directory.path("bytes")
        try Data([1, 2, 3, 4, 5]).write(to: URL(fileURLWithPath: path))
        let file = try ReadOnlyFile(path: path)
        #expect(file.size == 5)
        #expect(try file.bytes(at: 1, count: 3) == [2, 3, 4])
        #expect(throws: ReadOnlyFile.Failure.pastTheEnd(offset: 3, count: 3, size: 5)) { try file.bytes(at: 3, count: 3) }
        #expect(throws: ReadOnlyFile.Failure.pastTheEnd(offset: Int.max, count: 1, size: 5)) { try file.bytes(at: Int.max, count: 1) }
        #expect(throws: ReadOnlyFile.Failure.notARegularFile(isDirectory: true)) { try ReadOnlyFile(path: directory.url.path) }
        #expect(throws: ReadOnlyFile.Failure.system(.noSuchFile)) { try ReadOnlyFile(path: directory.path("absent")) }
    }

    @Test("printf formats")
    func formats() {
        #expect(formatted(0.000123456, "%.3e") == "1.235e-04")
        #expect(formatted(1234.5, "%.6g") == "1234.5")
        #expect(formatted(2.5, "%.2f") == "2.50")
    }
}
