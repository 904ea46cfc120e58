import _MPIShims

/// The Message Passing Interface, as lr-mpi uses it: one thin, checked Swift call over each
/// MPI function it needs. Errors on the communicators are returned to the caller (not fatal,
/// as MPI's default would make them) and thrown as `MPIError` with MPI's own description.
///
/// Thread use: lr-mpi asks for `ThreadLevel.funneled`: only the thread that initialized MPI
/// calls it; other threads compute.
public enum MPI {
    /// How threads may call MPI (`MPI_THREAD_SINGLE` … `MPI_THREAD_MULTIPLE`), in increasing order.
    public enum ThreadLevel: Int, CaseIterable, Comparable, Sendable, CustomStringConvertible {
        /// One thread only.
        case single
        /// Several threads; only the one that initialized MPI calls it.
        case funneled
        /// Several threads call MPI, one at a time.
        case serialized
        /// Any thread, any time.
        case multiple

        var value: Int32 {
            switch self {
            case .single: _mpi_thread_single()
            case .funneled: _mpi_thread_funneled()
            case .serialized: _mpi_thread_serialized()
            case .multiple: _mpi_thread_multiple()
            }
        }

        init(value: Int32) {
            switch value {
            case _mpi_thread_multiple(): self = .multiple
            case _mpi_thread_serialized(): self = .serialized
            case _mpi_thread_funneled(): self = .funneled
            default: self = .single
            }
        }

        public static func < (a: ThreadLevel, b: ThreadLevel) -> Bool { a.rawValue < b.rawValue }

        public var description: String { ["MPI_THREAD_SINGLE", "MPI_THREAD_FUNNELED", "MPI_THREAD_SERIALIZED", "MPI_THREAD_MULTIPLE"][rawValue] }
    }

    /// `MPI_Init_thread`: starts MPI in this process (once, before any other call) and makes
    /// errors on `MPI_COMM_WORLD` returned rather than fatal. Throws when the library cannot
    /// provide `required`.
    @discardableResult
    public static func initialize(threadLevel required: ThreadLevel) throws(MPIError) -> ThreadLevel {
        var provided: Int32 = 0
        try check("MPI_Init_thread", MPI_Init_thread(nil, nil, required.value, &provided))
        try check("MPI_Comm_set_errhandler", MPI_Comm_set_errhandler(_mpi_comm_world(), _mpi_errors_return()))
        let level = ThreadLevel(value: provided)
        guard level >= required else {
            throw MPIError(call: "MPI_Init_thread", code: 0, message: "the MPI library provides \(level), not \(required)")
        }
        return level
    }

    /// `MPI_Initialized`: whether `initialize` has run in this process.
    public static var isInitialized: Bool {
        var flag: Int32 = 0
        _ = MPI_Initialized(&flag)
        return flag != 0
    }

    /// `MPI_Finalized`: whether `finalize` has run in this process.
    public static var isFinalized: Bool {
        var flag: Int32 = 0
        _ = MPI_Finalized(&flag)
        return flag != 0
    }

    /// `MPI_Finalize`: ends MPI in this process; every rank calls it before exiting normally.
    public static func finalize() throws(MPIError) {
        try check("MPI_Finalize", MPI_Finalize())
    }

    /// `MPI_Error_string`: MPI's description of an error code.
    public static func errorDescription(_ code: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: Int(_mpi_max_error_string()) + 1)
        var length: Int32 = 0
        guard MPI_Error_string(code, &buffer, &length) == _mpi_success() else { return "MPI error \(code)" }
        return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func check(_ call: String, _ code: Int32) throws(MPIError) {
        guard code != _mpi_success() else { return }
        throw MPIError(call: call, code: code, message: errorDescription(code))
    }
}

/// An MPI call that failed: the call, its error code and MPI's description of it.
public struct MPIError: Error, CustomStringConvertible, Sendable {
    public var call: String
    /// MPI's error code (its error class, where MPI gives one): what a caller branches on.
    public var code: Int32
    public var message: String

    public init(call: String, code: Int32, message: String) {
        self.call = call
        self.code = code
        self.message = message
    }

    public var description: String { "\(call) failed: \(message)" }
}

/// A message that has arrived and can be received: who sent it, its tag and its size.
public struct IncomingMessage: Sendable, Equatable {
    public var source: Int
    public var tag: Int32
    public var byteCount: Int
}

/// An MPI communicator (`MPI_Comm`): a group of ranks that exchange messages.
public struct Communicator: @unchecked Sendable {
    let handle: MPI_Comm

    /// `MPI_COMM_WORLD`: every rank of the job.
    public static var world: Communicator { Communicator(handle: _mpi_comm_world()) }

    /// `MPI_ANY_SOURCE`, for `probe`.
    public static let anySource = Int(_mpi_any_source())
    /// `MPI_ANY_TAG`, for `probe`.
    public static let anyTag = _mpi_any_tag()

    /// `MPI_Comm_rank`: this process's rank, 0 ..< size.
    public func rank() throws(MPIError) -> Int {
        var rank: Int32 = 0
        try MPI.check("MPI_Comm_rank", MPI_Comm_rank(handle, &rank))
        return Int(rank)
    }

    /// `MPI_Comm_size`: the number of ranks.
    public func size() throws(MPIError) -> Int {
        var size: Int32 = 0
        try MPI.check("MPI_Comm_size", MPI_Comm_size(handle, &size))
        return Int(size)
    }

    /// `MPI_Send` of `bytes` as `MPI_BYTE` to rank `destination` with `tag`. Returns once the
    /// buffer may be reused (small messages at once, large ones when the receiver takes them).
    public func send(_ bytes: [UInt8], to destination: Int, tag: Int32) throws(MPIError) {
        guard let count = Int32(exactly: bytes.count) else {
            throw MPIError(call: "MPI_Send", code: 0, message: "a message of \(bytes.count) bytes is larger than MPI's count of 2³¹ − 1")
        }
        let code = bytes.withUnsafeBytes { buffer in
            MPI_Send(buffer.baseAddress, count, _mpi_byte(), Int32(destination), tag, handle)
        }
        try MPI.check("MPI_Send", code)
    }

    /// `MPI_Probe`: waits for a message from `source` (or `anySource`) with `tag` (or
    /// `anyTag`) and tells its sender, tag and size without receiving it. Open MPI waits by
    /// polling, so a rank that waits here keeps a core busy.
    public func probe(from source: Int = anySource, tag: Int32 = anyTag) throws(MPIError) -> IncomingMessage {
        var status = MPI_Status()
        try MPI.check("MPI_Probe", MPI_Probe(Int32(source), tag, handle, &status))
        return try incoming(status, call: "MPI_Probe")
    }

    /// `MPI_Iprobe`: the same as `probe` without waiting: nil when no such message has arrived.
    public func probeIfArrived(from source: Int = anySource, tag: Int32 = anyTag) throws(MPIError) -> IncomingMessage? {
        var status = MPI_Status()
        var flag: Int32 = 0
        try MPI.check("MPI_Iprobe", MPI_Iprobe(Int32(source), tag, handle, &flag, &status))
        return flag != 0 ? try incoming(status, call: "MPI_Iprobe") : nil
    }

    /// `MPI_Recv` of the message `probe` announced. Only one thread may receive, so that the
    /// probed message is the one received.
    public func receive(_ message: IncomingMessage) throws(MPIError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: message.byteCount)
        let code = bytes.withUnsafeMutableBytes { buffer in
            MPI_Recv(buffer.baseAddress, Int32(message.byteCount), _mpi_byte(), Int32(message.source), message.tag, handle,
                     _mpi_status_ignore())
        }
        try MPI.check("MPI_Recv", code)
        return bytes
    }

    /// `MPI_Barrier`: returns once every rank has called it (waiting by polling, as `probe`).
    public func barrier() throws(MPIError) {
        try MPI.check("MPI_Barrier", MPI_Barrier(handle))
    }

    /// `MPI_Abort`: ends every process of the job with `code` as the job's exit status.
    public func abort(code: Int32) -> Never {
        _ = MPI_Abort(handle, code)
        // MPI_Abort does not return; should it, the process ends anyway.
        fatalError("MPI_Abort returned")
    }

    /// `MPI_Comm_split_type(MPI_COMM_TYPE_SHARED)`: the ranks that share this rank's node
    /// (its memory). Release it with `free()`.
    public func ranksOnThisNode() throws(MPIError) -> Communicator {
        var node: MPI_Comm? = _mpi_comm_null()
        try MPI.check("MPI_Comm_split_type", MPI_Comm_split_type(handle, _mpi_comm_type_shared(), 0, _mpi_info_null(), &node))
        guard let node else { throw MPIError(call: "MPI_Comm_split_type", code: 0, message: "no communicator returned") }
        return Communicator(handle: node)
    }

    /// `MPI_Comm_free`: releases a communicator this process made (never `world`).
    public func free() throws(MPIError) {
        var handle: MPI_Comm? = self.handle
        try MPI.check("MPI_Comm_free", MPI_Comm_free(&handle))
    }

    private func incoming(_ status: MPI_Status, call: String) throws(MPIError) -> IncomingMessage {
        var status = status
        var count: Int32 = 0
        try MPI.check("MPI_Get_count", MPI_Get_count(&status, _mpi_byte(), &count))
        return IncomingMessage(source: Int(status.MPI_SOURCE), tag: status.MPI_TAG, byteCount: Int(count))
    }
}
