/// A file written under a temporary name beside its final path, so that a reader never
/// sees it half-written: `commit()` renames it into place, `discard()` (or a signal that
/// ends the process, or release without commit) removes it.
public final class StagedFile {
    public let finalPath: String
    /// Where to write meanwhile: a hidden name in the same directory (same file system,
    /// so the rename is atomic).
    public let temporaryPath: String
    private var isOpen = true

    public init(finalPath: String) {
        self.finalPath = finalPath
        let (directory, name) = FileSystem.split(finalPath)
        temporaryPath = "\(directory).\(name).\(CurrentProcess.identifier)-\(UInt32.random(in: 0...UInt32.max)).tmp"
        Interrupts.removeOnSignal(temporaryPath)
    }

    deinit { discard() }

    /// Moves the file into place. With `replacing: false` an existing file at the final
    /// path (even one that appeared meanwhile) makes it fail with `.fileExists`.
    public func commit(replacing: Bool) throws(SystemError) {
        guard isOpen else { return }
        if replacing {
            try FileSystem.move(temporaryPath, to: finalPath)
        } else {
            // link, then unlink: never replaces. Without hard links, check then rename.
            do {
                try FileSystem.link(temporaryPath, to: finalPath)
                FileSystem.remove(temporaryPath)
            } catch let error where error == .notPermitted || error.code == 95 /* EOPNOTSUPP */ {
                guard !FileSystem.exists(finalPath) else { throw .fileExists }
                try FileSystem.move(temporaryPath, to: finalPath)
            }
        }
        isOpen = false
        Interrupts.forget(temporaryPath)
    }

    /// Removes the temporary file unless committed. Safe to call more than once.
    public func discard() {
        guard isOpen else { return }
        FileSystem.remove(temporaryPath)
        isOpen = false
        Interrupts.forget(temporaryPath)
    }
}

extension StagedFile {
    /// Writes `text` to `path` through a staged file, replacing what is there.
    public static func write(_ text: String, to path: String) throws(SystemError) {
        let staged = StagedFile(finalPath: path)
        try TextFile.write(text, to: staged.temporaryPath)
        try staged.commit(replacing: true)
    }
}
