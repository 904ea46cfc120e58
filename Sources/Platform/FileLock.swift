import Glibc

/// The right to write one file, between processes: an exclusive `flock` on a hidden lock
/// file beside it (`dir/.name.lock`), which exists only while the lock is held.
///
/// The lock is not taken on the file itself because HDF5 takes its own locks there (and a
/// SWMR writer drops them once writing starts). The kernel releases the lock when the
/// holder ends, however it ends; a lock file left by a killed holder is taken over by the
/// next. Releasing removes the file before unlocking it, and taking the lock checks that
/// the file locked is still the one at the path, so that two processes never both hold it.
public final class FileLock {
    /// The file the lock is for.
    public let path: String
    /// The lock file.
    public let lockPath: String
    private let descriptor: Int32

    private init(path: String, lockPath: String, descriptor: Int32) {
        self.path = path
        self.lockPath = lockPath
        self.descriptor = descriptor
    }

    deinit {
        unlink(lockPath)
        close(descriptor)
    }

    /// The lock file's path for `path`: `dir/run.lr.h5` → `dir/.run.lr.h5.lock`.
    public static func lockPath(for path: String) -> String {
        let (directory, name) = FileSystem.split(path)
        return "\(directory).\(name).lock"
    }

    /// Takes the lock for `path` if no other process holds it; nil when one does.
    public static func tryAcquire(_ path: String) throws(SystemError) -> FileLock? {
        let lockPath = lockPath(for: path)
        while true {
            let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw .current }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                let error = SystemError.current
                close(descriptor)
                if error.code == EWOULDBLOCK { return nil }
                if error == .interrupted { continue }
                throw error
            }
            // The holder before may have removed the file between our open and our lock.
            var locked = stat(), current = stat()
            if fstat(descriptor, &locked) == 0, stat(lockPath, &current) == 0,
               locked.st_dev == current.st_dev, locked.st_ino == current.st_ino {
                return FileLock(path: path, lockPath: lockPath, descriptor: descriptor)
            }
            close(descriptor)
        }
    }

    /// Takes the lock for `path`, waiting while another process holds it: `waiting` is
    /// called once when the wait begins, and `shouldStop` every `interval` seconds while it
    /// lasts (nil is returned when it says to stop).
    public static func acquire(
        _ path: String, interval: Double = 0.2, waiting: () -> Void, shouldStop: () -> Bool = { false }
    ) throws(SystemError) -> FileLock? {
        var announced = false
        while true {
            if let lock = try tryAcquire(path) { return lock }
            if !announced {
                waiting()
                announced = true
            }
            if shouldStop() { return nil }
            MonotonicClock.sleep(seconds: interval)
        }
    }
}
