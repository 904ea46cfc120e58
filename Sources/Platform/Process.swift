@preconcurrency import Glibc  // for `stdout`, a C global

/// Facts about, and exits of, this process.
public enum CurrentProcess {
    /// The cores online.
    public static var coreCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    public static var identifier: Int32 { getpid() }

    /// The machine's host name ("localhost" when it has none).
    public static var hostName: String {
        var name = [CChar](repeating: 0, count: 256)
        guard gethostname(&name, name.count - 1) == 0, name[0] != 0 else { return "localhost" }
        return String(cString: name)
    }

    /// Ends the process at once, without running exit handlers: for when another thread
    /// holds locks those handlers would need (a stuck HDF5 call).
    public static func exitImmediately(_ status: Int32) -> Never { _exit(status) }
}

/// Time, on a clock that never goes back.
public enum MonotonicClock {
    public static func seconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    public static func sleep(seconds: Double) {
        usleep(UInt32(max(0, seconds) * 1_000_000))
    }
}

/// Calendar time: seconds since 1970-01-01 UTC.
public enum WallClock {
    public static func seconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}

/// Standard output and error, unbuffered where it matters.
public enum StandardStreams {
    /// Writes `text` to standard output at once, throwing the operating system's error when
    /// any of it cannot be written (a full disk behind a redirection): what the tools print
    /// as their result goes through here, so that an incomplete result is never a success.
    public static func writeOutput(_ text: String) throws(SystemError) {
        var text = text
        let failure: SystemError? = text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(STDOUT_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return written < 0 ? .current : SystemError(code: EIO) }
                offset += written
            }
            return nil
        }
        if let failure { throw failure }
    }

    /// Writes `text` to standard error at once (messages must not wait for a buffer).
    public static func writeError(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(STDERR_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return }
                offset += written
            }
        }
    }

    /// Sends what `print` buffered to standard output.
    public static func flushOutput() { fflush(nil) }

    /// Sends what `print` buffered to standard output, throwing when any of it could not be
    /// written (a full disk behind a redirection): the output is then incomplete.
    public static func finishOutput() throws(SystemError) {
        let output = stdout
        errno = 0
        let flushed = fflush(output) == 0
        guard flushed, ferror(output) == 0 else { throw SystemError(code: errno == 0 ? EIO : errno) }
    }

    public static var errorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}

/// C's `printf` number formats ("%.3e", "%.*g"), which Swift's string interpolation lacks.
public func formatted(_ value: Double, _ format: String) -> String {
    var buffer = [CChar](repeating: 0, count: 64)
    _ = withVaList([value]) { vsnprintf(&buffer, buffer.count, format, $0) }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
