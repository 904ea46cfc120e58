import ArgumentParser
import Foundation
import TerminalProgress
import TrainingCommands

/// `lr-mpi sweep`: `lr-train sweep` with its runs handed out over the job's ranks.
struct MPISweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "lr-train sweep over the job's ranks: the same options, the same run files and sweep.json.",
        discussion: """
            Rank 0 hands out the runs one at a time to whichever rank is free (rank 0 trains \
            too) and rewrites sweep.json as each run ends. Each run is trained exactly as \
            `lr-train sweep` trains it, so the files are the same. A rank that dies ends the \
            job; every run in progress keeps its checkpoints, and the same command with \
            --resume (under MPI or not) finishes exactly what is missing. --jobs does not \
            apply: each rank trains one run at a time; start more ranks instead.

            Example:
              mpirun -n 64 lr-mpi sweep --preset gaussian-mlp3 --grid weight-decay=0,1e-3,1e-2,1e-1 --seeds 0-15 --out sweeps/gauss/
            """)

    @OptionGroup var options: SweepOptions

    func validate() throws {
        if options.jobs != nil {
            throw ValidationError("--jobs does not apply to lr-mpi: each rank trains one run at a time; start more ranks (mpirun -n N)")
        }
    }

    func run() throws {
        let job = Job.current
        let distribution = WorkDistribution(job: job)
        if job.rank != 0 {
            var execution: SweepExecution?
            distribution.work { item in
                // Rank 0 checked the sweep before handing out its first run.
                if execution == nil { execution = try makeExecution(job) }
                var reader = ByteReader(item)
                return try encode(execution!.train(try reader.int()))
            }
            return
        }
        let execution = job.endingJobOnError { try makeExecution(job) }
        let failures = job.endingJobOnError { try trainRuns(execution, job: job, distribution: distribution) }
        distribution.release()
        if failures > 0 { throw SweepFailures(failed: failures, setup: execution.setup) }
    }

    /// Rank 0: hands out the runs left to train and records each in the manifest as it ends;
    /// returns how many failed.
    func trainRuns(_ execution: SweepExecution, job: Job, distribution: WorkDistribution) throws -> Int {
        let (start, todo) = try execution.prepare()
        var manifest = start
        let progress = ProgressReporter(label: "\(job.tool.name) sweep", total: todo.count)
        var done = 0
        try distribution.coordinate(
            items: todo.map { index in var writer = ByteWriter(); writer.append(index); return writer.bytes },
            perform: { item in
                var reader = ByteReader(item)
                return try encode(execution.train(try reader.int()))
            },
            handle: { item, result in
                let entry = try JSONDecoder().decode(SweepManifest.Entry.self, from: Data(result))
                manifest.record(entry, run: todo[item], directory: execution.setup.directory)
                done += 1
                if !options.quiet { progress.update(done, unit: "runs", force: true) }
            })
        return manifest.failedCount
    }

    func makeExecution(_ job: Job) throws -> SweepExecution {
        let setup = try SweepSetup(options: options, arguments: CommandLine.arguments)
        return SweepExecution(setup: setup, jobs: 1, threadsPerRun: options.threads ?? job.threads, quiet: options.quiet, tool: job.tool)
    }
}

private func encode(_ entry: SweepManifest.Entry) throws -> [UInt8] {
    Array(try JSONEncoder().encode(entry))
}
