import Glibc

/// A value guarded by a POSIX mutex, with `Mutex`'s interface.
///
/// The standard library's `Synchronization.Mutex` waits on futexes directly on Linux, which
/// the thread sanitizer cannot follow: it then reports every access under the lock as a
/// race. A `pthread_mutex_t` it understands, so `swift test --sanitize=thread` stays quiet
/// unless something is really unguarded.
public final class Locked<Value>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    public init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` on the value with the lock held.
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
