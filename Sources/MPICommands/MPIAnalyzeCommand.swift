import AnalysisCommands
import ArgumentParser
import LocalRank
import Platform
import TerminalProgress

/// `lr-mpi analyze`: lr-analyze with the missing spectra computed over the job's ranks.
struct MPIAnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "lr-analyze over the job's ranks: the same options, the same analysis cache, the same report.",
        discussion: """
            Rank 0 opens each run's cache and finds the checkpoints it lacks, as lr-analyze \
            does; the ranks compute them (rank 0 too), one checkpoint at a time, or, when a \
            run has fewer checkpoints to compute than there are ranks, parts of each \
            checkpoint's probe inputs. Rank 0 alone writes the cache, appending each \
            checkpoint in order as it completes, then prints lr-analyze's report. An \
            interrupted job keeps every checkpoint appended. --follow is lr-analyze's alone.

            Examples:
              mpirun -n 16 lr-mpi analyze runs/wide.h5 --eps 1e-3
              mpirun -n 16 lr-mpi analyze sweeps/gauss/*.h5 --by weight-decay --eps 1e-3
            """)

    @OptionGroup var options: RankOptions

    func validate() throws {
        if options.follow {
            throw ValidationError("--follow analyzes a run while it is written, on one machine: use lr-analyze --follow")
        }
    }

    func run() throws {
        let job = Job.current
        let distribution = WorkDistribution(job: job)
        let threads = options.threads ?? job.threads
        if job.rank != 0 {
            let worker = SpectraWorker(options: options, threads: threads, producer: job.tool.producer)
            distribution.work(perform: worker.compute)
            return
        }
        job.endingJobOnError { try computeMissingSpectra(job: job, distribution: distribution, threads: threads) }
        distribution.release()
        // Every spectrum the report needs is in the caches now: lr-analyze's report reads them.
        try options.report()
    }

    /// Rank 0: finds what the caches lack, has the ranks compute it, and appends each
    /// checkpoint to its run's cache in checkpoint order.
    func computeMissingSpectra(job: Job, distribution: WorkDistribution, threads: Int) throws {
        let plan = try AnalysisPlan(options: options, ranks: job.size, threads: threads, producer: job.tool.producer)
        Interrupts.stopGracefully()
        let progress = ProgressReporter(label: job.tool.name, total: plan.checkpoints.count)
        var parts = [Int: [ComputedCheckpoint]]()
        var complete = [Int: ComputedCheckpoint]()
        var stored = 0
        let worker = SpectraWorker(options: options, threads: threads, producer: job.tool.producer)
        try distribution.coordinate(
            items: plan.pieces.map(\.encoded), perform: worker.compute,
            checkStop: {
                if Interrupts.requested { throw AnalysisInterrupted(completed: stored, total: plan.checkpoints.count) }
            },
            handle: { item, result in
                let piece = plan.pieces[item]
                let computed = try ComputedCheckpoint(decoding: result)
                guard computed.index == piece.checkpoint, computed.inputs == piece.inputs else {
                    throw MessageError(.otherCheckpoint)
                }
                parts[piece.order, default: []].append(computed)
                if parts[piece.order]!.count == plan.partsPerCheckpoint {
                    complete[piece.order] = ComputedCheckpoint.joining(parts.removeValue(forKey: piece.order)!)
                }
                // Early arrivals wait (at most one per rank) so that rows come in lr-analyze's order.
                while let next = complete.removeValue(forKey: stored) {
                    try plan.analyzers[plan.checkpoints[stored].run].store(next)
                    stored += 1
                    if !options.quiet { progress.update(stored, unit: "checkpoints", force: stored == plan.checkpoints.count) }
                }
            })
        if !options.quiet && !plan.checkpoints.isEmpty { progress.finish() }
        try plan.closeCaches()
    }
}

/// What rank 0 hands out: the checkpoints the caches lack, in the order lr-analyze computes
/// them (run by run, checkpoint by checkpoint), each whole or in parts of its probe inputs.
struct AnalysisPlan {
    struct Checkpoint {
        var run: Int
        var index: Int
        var step: Int
        /// The probe inputs the run's cache covers.
        var probeCount: Int
    }

    /// One item of work: a checkpoint's spectra at a range of probe inputs.
    struct Piece {
        var path: String
        var checkpoint: Int
        var step: Int
        var inputs: Range<Int>
        /// The checkpoint's position in `checkpoints`.
        var order: Int

        var encoded: [UInt8] {
            var writer = ByteWriter()
            writer.append(path)
            writer.append(checkpoint)
            writer.append(step)
            writer.append(inputs.lowerBound)
            writer.append(inputs.upperBound)
            return writer.bytes
        }

        init(path: String, checkpoint: Int, step: Int, inputs: Range<Int>, order: Int) {
            self.path = path
            self.checkpoint = checkpoint
            self.step = step
            self.inputs = inputs
            self.order = order
        }

        init(decoding bytes: [UInt8]) throws {
            var reader = ByteReader(bytes)
            path = try reader.string()
            checkpoint = try reader.int()
            step = try reader.int()
            let lower = try reader.int(), upper = try reader.int()
            guard lower <= upper else { throw MessageError(.malformed) }
            inputs = lower..<upper
            order = 0
        }
    }

    /// Every run's analyzer, its cache open (rank 0 is the caches' one writer).
    var analyzers: [RunAnalyzer] = []
    var checkpoints: [Checkpoint] = []
    var pieces: [Piece] = []
    /// 1, or more when there are fewer checkpoints than ranks: each checkpoint's probe inputs
    /// are then split so that every rank has work.
    var partsPerCheckpoint = 1

    init(options: RankOptions, ranks: Int, threads: Int, producer: String) throws {
        let measures = options.measures
        let selection = options.selection
        for (run, path) in options.runFiles.enumerated() {
            let analyzer = try options.openAnalyzer(path, threads: threads, producer: producer)
            if run == 0 { _ = try options.selectLayers(count: analyzer.layers.sizes.count - 1, file: path) }
            analyzers.append(analyzer)
            // Measures of the weights need no spectra and no cache.
            guard !measures.measure.isOfWeights else { continue }
            let (steps, missing) = try analyzer.checkpointsToCompute(selection)
            guard !missing.isEmpty else { continue }
            try AnalysisCache.checkWritable(path: analyzer.cachePath)
            let probeCount = try analyzer.cache().identity.probeCount
            checkpoints += missing.map { Checkpoint(run: run, index: $0, step: steps[$0], probeCount: probeCount) }
        }
        if !checkpoints.isEmpty && checkpoints.count < ranks {
            partsPerCheckpoint = min((ranks + checkpoints.count - 1) / checkpoints.count, checkpoints.map(\.probeCount).min()!)
        }
        for (order, checkpoint) in checkpoints.enumerated() {
            let parts = partsPerCheckpoint, count = checkpoint.probeCount
            for part in 0..<parts {
                pieces.append(Piece(path: analyzers[checkpoint.run].runPath, checkpoint: checkpoint.index, step: checkpoint.step,
                                    inputs: (count * part / parts)..<(count * (part + 1) / parts), order: order))
            }
        }
    }

    /// Closes the caches written to, so that the report reads them afresh.
    func closeCaches() throws {
        for run in Set(checkpoints.map(\.run)) { try analyzers[run].cache().close() }
    }
}

/// Computes pieces of checkpoints, opening each run (read-only) the first time it is needed;
/// used by one thread only. It never opens a cache.
final class SpectraWorker: @unchecked Sendable {
    let options: RankOptions
    let threads: Int
    let producer: String
    private var analyzers = [String: RunAnalyzer]()

    init(options: RankOptions, threads: Int, producer: String) {
        self.options = options
        self.threads = threads
        self.producer = producer
    }

    func compute(_ item: [UInt8]) throws -> [UInt8] {
        let piece = try AnalysisPlan.Piece(decoding: item)
        let analyzer: RunAnalyzer
        if let opened = analyzers[piece.path] {
            analyzer = opened
        } else {
            analyzer = try options.openAnalyzer(piece.path, threads: threads, producer: producer)
            analyzers[piece.path] = analyzer
        }
        return try analyzer.computeSpectra(checkpoint: piece.checkpoint, step: piece.step, inputs: piece.inputs).encoded
    }
}
