import CommandLineSupport
import MPI
import Platform

/// This process's place in the MPI job: its rank, the job's size, the cores it may use, and
/// how it reports errors (`lr-mpi: error: rank R: FILE: problem`, once for the whole job).
struct Job: Sendable {
    let world: Communicator
    let rank: Int
    let size: Int
    /// Compute threads for this rank: its node's cores shared among the ranks on the node.
    let threads: Int
    /// `lr-mpi`, speaking as this rank.
    let tool: CommandLineTool

    /// The job, started the first time it is asked for.
    static let current: Job = start()

    /// Starts MPI (funneled: only the main thread calls MPI) and the HDF5 watchdog. A rank
    /// that cannot start MPI says so and exits: mpirun then ends the job.
    private static func start() -> Job {
        do {
            try MPI.initialize(threadLevel: .funneled)
            let world = Communicator.world
            let node = try world.ranksOnThisNode()
            let ranksOnNode = try node.size()
            try node.free()
            let rank = try world.rank()
            let threads = max(1, CurrentProcess.coreCount / ranksOnNode)
            let job = Job(world: world, rank: rank, size: try world.size(), threads: threads,
                          tool: LRMPI.tool.speaking(as: "rank \(rank)"))
            // A stuck HDF5 call holds this rank's main thread for ever: the watchdog's thread
            // ends the job itself (outside MPI's funneled rule, but no other MPI call can run).
            job.tool.watchHDF5(end: { status in world.abort(code: status) })
            return job
        } catch {
            LRMPI.tool.reportError("cannot start MPI (\(error)); run lr-mpi under mpirun or srun")
            CurrentProcess.exitImmediately(ExitStatus.failure.rawValue)
        }
    }

    /// Ends this rank normally: MPI is finalized and the process exits with `status` (the
    /// job's status is the first non-zero one).
    func end(status: ExitStatus) -> Never {
        StandardStreams.flushOutput()
        do {
            try MPI.finalize()
        } catch {
            tool.reportError("\(error)")
            CurrentProcess.exitImmediately(status == .success ? ExitStatus.failure.rawValue : status.rawValue)
        }
        CurrentProcess.exitImmediately(status.rawValue)
    }

    /// Runs `body`, a part of the work while other ranks take part in it: an error ends the
    /// whole job (`fail`) with the line and status lr-mpi reports it with.
    func endingJobOnError<T>(_ body: () throws -> T) -> T {
        do {
            return try body()
        } catch {
            let report = tool.report(for: error)
            fail(report.message, status: report.status)
        }
    }

    /// Ends the whole job for an error of this rank, with one line on stderr. Rank 0 prints
    /// it and aborts the job; another rank sends it to rank 0, which does the same, and
    /// prints it and aborts by itself should rank 0 not do so within seconds.
    func fail(_ message: String, status: ExitStatus = .failure) -> Never {
        let line = tool.errorLine(message)
        if rank == 0 { abort(printing: line, status: status.rawValue) }
        var bytes = ByteWriter()
        bytes.append(Int64(status.rawValue))
        bytes.append(line)
        do {
            try world.send(bytes.bytes, to: 0, tag: Tag.failure.rawValue)
            // Rank 0 ends the job; wait for it, doing nothing.
            let deadline = MonotonicClock.seconds() + 10
            while MonotonicClock.seconds() < deadline { MonotonicClock.sleep(seconds: 0.01) }
        } catch {}
        abort(printing: line, status: status.rawValue)
    }

    /// Prints `line` and ends every process of the job with `status`.
    func abort(printing line: String, status: Int32) -> Never {
        StandardStreams.flushOutput()
        StandardStreams.writeError(line)
        Interrupts.removeStagedFiles()
        world.abort(code: status)
    }

    /// Sends `bytes` to `rank`; a failure of MPI ends the job.
    func send(_ bytes: [UInt8] = [], to rank: Int, tag: Tag) {
        do {
            try world.send(bytes, to: rank, tag: tag.rawValue)
        } catch {
            fail("\(error)")
        }
    }

    /// The next message from `source`, received. Waits by polling with sleeps that grow to
    /// `longestSleep` seconds, so that a waiting rank leaves its core to the ranks that
    /// compute (Open MPI's blocking receive would keep it busy). A failure of MPI ends the job.
    func receive(from source: Int, longestSleep: Double = 0.005) -> (message: IncomingMessage, bytes: [UInt8]) {
        do {
            var pause = 20e-6
            while true {
                if let message = try world.probeIfArrived(from: source) {
                    return (message, try world.receive(message))
                }
                MonotonicClock.sleep(seconds: pause)
                pause = min(pause * 2, longestSleep)
            }
        } catch {
            fail("\(error)")
        }
    }

    /// The next message from any rank if one has arrived, received.
    func receiveIfArrived() -> (message: IncomingMessage, bytes: [UInt8])? {
        do {
            guard let message = try world.probeIfArrived() else { return nil }
            return (message, try world.receive(message))
        } catch {
            fail("\(error)")
        }
    }
}

/// The tags of lr-mpi's messages.
enum Tag: Int32 {
    /// A rank asks rank 0 for work (its first message).
    case ready = 1
    /// Rank 0 hands a rank one item of work.
    case work
    /// A rank returns the result of its item, and asks for more.
    case result
    /// Rank 0 tells a rank that the job is done: it ends.
    case stop
    /// A rank failed: its status and its one error line.
    case failure
}
