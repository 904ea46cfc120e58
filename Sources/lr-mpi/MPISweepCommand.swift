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
            distribution.work(perform: { item in
                // Rank 0 checked the sweep before handing out its first run.
                if execution == nil { execution = try makeExecution(job) }
                var reader = ByteReader(item)
                return try encode(execution!.train(try reader.int()))
            }, describe: LRTrain.message(for:))
            return
        }
        let failures: Int
        let execution: SweepExecution
        do {
            execution = try makeExecution(job)
            let (start, todo) = try execution.prepare()
            var manifest = start
            let progress = ProgressReporter(label: "lr-mpi sweep", total: todo.count)
            var done = 0
            try distribution.coordinate(
                items: todo.map { index in var writer = ByteWriter(); writer.append(index); return writer.bytes },
                perform: { item in
                    var reader = ByteReader(item)
                    return try encode(execution.train(try reader.int()))
                },
                handle: { item, result in
                    let entry = try JSONDecoder().decode(SweepManifest.Entry.self, from: Data(result))
                    do {
                        try manifest.record(entry, run: todo[item], directory: execution.setup.directory)
                    } catch {
                        throw SweepStopped(line: execution.setup.stoppedLine("\(error)"))
                    }
                    // A failed write (a full disk) ends the job: the runs in progress keep their checkpoints.
                    if entry.writeFailed == true { throw SweepStopped(line: execution.setup.stoppedLine(entry.error ?? "")) }
                    done += 1
                    if !options.quiet { progress.update(done, unit: "runs", force: true) }
                })
            failures = manifest.failedCount
        } catch {
            job.fail(LRTrain.message(for: error))
        }
        distribution.release()
        if failures > 0 {
            job.tool.reportError(execution.setup.failureSummary(failures))
            throw ExitCode.failure
        }
    }

    func makeExecution(_ job: Job) throws -> SweepExecution {
        let setup = try SweepSetup(options: options, arguments: CommandLine.arguments)
        return SweepExecution(setup: setup, jobs: 1, threadsPerRun: options.threads ?? job.threads, quiet: options.quiet, tool: job.tool, producer: LRMPI.producer)
    }
}

/// The sweep stopped on a failed write; `line` says why and how to continue.
private struct SweepStopped: Error, CustomStringConvertible {
    var line: String
    var description: String { line }
}

private func encode(_ entry: SweepManifest.Entry) throws -> [UInt8] {
    Array(try JSONEncoder().encode(entry))
}
