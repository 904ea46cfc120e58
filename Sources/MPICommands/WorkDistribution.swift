import Dispatch
import MPI
import Platform

/// Hands out a list of work items over the job's ranks, one item per rank at a time, in
/// order, as ranks become free: runs and checkpoints differ in length, so a fixed split
/// would leave ranks idle. Rank 0 coordinates and computes too, on a thread of its own
/// (its main thread is the only one that calls MPI); every other rank runs `work`.
///
/// Protocol: a rank sends `ready`; rank 0 answers with `work` (one item) or, once every
/// item is handed out, keeps it waiting; the rank answers with `result` (which asks for
/// more); when every result is in, rank 0 finishes (stores, reports) and sends `stop` to all.
/// A rank that fails sends `failure` with its error line, and rank 0 ends the job.
struct WorkDistribution {
    let job: Job

    /// Rank 0: hands out `items`, computes some of them with `perform`, and passes every
    /// result to `handle` (on this thread, in the order results arrive) with its item's
    /// position. `checkStop` runs between messages and may throw to end the job. Returns
    /// when every result is handled and every other rank waits for `release()`.
    func coordinate(items: [[UInt8]], perform: @escaping @Sendable ([UInt8]) throws -> [UInt8],
                    checkStop: () throws -> Void = {}, handle: (_ item: Int, _ result: [UInt8]) throws -> Void) throws {
        var state = HandOut(items: items)
        let local = LocalWorker(perform: perform)
        defer { local.finish() }
        var pause = 20e-6
        while state.handled < items.count || state.waiting.count < job.size - 1 {
            try checkStop()
            var progressed = false
            if state.localItem == nil, let item = state.take() {
                local.start(items[item])
                state.localItem = item
                progressed = true
            }
            if let item = state.localItem, let outcome = local.takeResult() {
                state.localItem = nil
                progressed = true
                try handle(item, try outcome.get())
                state.handled += 1
            }
            if let (message, bytes) = job.receiveIfArrived() {
                progressed = true
                try receive(message, bytes, state: &state, handle: handle)
            }
            if progressed {
                pause = 20e-6
            } else {
                MonotonicClock.sleep(seconds: pause)
                pause = min(pause * 2, 0.002)
            }
        }
    }

    /// Rank 0's bookkeeping while it hands out items: the next to hand out, which rank holds
    /// which, the ranks waiting for more, and the item its own worker computes.
    private struct HandOut {
        let items: [[UInt8]]
        var next = 0, handled = 0
        var assigned = [Int: Int]()
        var waiting = Set<Int>()
        var localItem: Int?

        init(items: [[UInt8]]) { self.items = items }

        /// The next item's position, if any is left.
        mutating func take() -> Int? {
            guard next < items.count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    /// Rank 0: acts on a message from another rank: hands it an item (or keeps it waiting),
    /// takes its result, or ends the job for its failure.
    private func receive(_ message: IncomingMessage, _ bytes: [UInt8], state: inout HandOut,
                         handle: (_ item: Int, _ result: [UInt8]) throws -> Void) throws {
        func handOut(to rank: Int) {
            if let item = state.take() {
                job.send(state.items[item], to: rank, tag: .work)
                state.assigned[rank] = item
            } else {
                state.waiting.insert(rank)
            }
        }
        switch Tag(rawValue: message.tag) {
        case .ready:
            handOut(to: message.source)
        case .result:
            guard let item = state.assigned.removeValue(forKey: message.source) else {
                throw MessageError(.unrequestedResult(from: message.source))
            }
            try handle(item, bytes)
            state.handled += 1
            handOut(to: message.source)
        case .failure:
            var reader = ByteReader(bytes)
            let status = Int32(clamping: (try? reader.int64()) ?? 1)
            let line = (try? reader.string()) ?? "lr-mpi: error: rank \(message.source): failed\n"
            job.abort(printing: line, status: status == 0 ? 1 : status)
        default:
            throw MessageError(.unknownTag(message.tag, from: message.source))
        }
    }

    /// Rank 0: tells every other rank, all waiting, that the job is done.
    func release() {
        for rank in 1..<max(job.size, 1) { job.send(to: rank, tag: .stop) }
    }

    /// Every rank but 0: asks for items, computes each with `perform` and returns its result,
    /// until rank 0 says stop. An error of `perform` ends the job.
    func work(perform: ([UInt8]) throws -> [UInt8]) {
        job.send(to: 0, tag: .ready)
        while true {
            let (message, bytes) = job.receive(from: 0, longestSleep: 0.01)
            switch Tag(rawValue: message.tag) {
            case .work:
                job.send(job.endingJobOnError { try perform(bytes) }, to: 0, tag: .result)
            case .stop:
                return
            default:
                job.fail(MessageError(.unknownTag(message.tag, from: 0)).description)
            }
        }
    }
}

/// Rank 0's own worker: a thread that computes one item at a time while the main thread
/// talks to the other ranks.
final class LocalWorker: Sendable {
    private struct State {
        var item: [UInt8]?
        var result: Result<[UInt8], any Error>?
        var finished = false
    }

    private let state = Locked(State())
    private let wake = DispatchSemaphore(value: 0)

    init(perform: @escaping @Sendable ([UInt8]) throws -> [UInt8]) {
        DispatchQueue.global().async { [self] in
            while true {
                wake.wait()
                guard let item = state.withLock({ $0.finished ? nil : $0.item.take() }) else { return }
                let result = Result { try perform(item) }
                state.withLock { $0.result = result }
            }
        }
    }

    /// Starts computing `item`; the worker must be idle.
    func start(_ item: [UInt8]) {
        state.withLock { $0.item = item }
        wake.signal()
    }

    /// The result of the item started, once it is ready.
    func takeResult() -> Result<[UInt8], any Error>? {
        state.withLock { $0.result.take() }
    }

    /// Ends the thread once its item (if any) is done.
    func finish() {
        state.withLock { $0.finished = true }
        wake.signal()
    }
}
