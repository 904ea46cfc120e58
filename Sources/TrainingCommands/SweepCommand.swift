import ArgumentParser
import CommandLineSupport
import Dispatch
import Platform
import RunFormat
import TerminalProgress
import Training

/// Trains every combination of a grid of settings and seeds, one run file each.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Train a grid of settings × seeds into a directory, one run file per combination, named by its settings.",
        discussion: """
            Every flag of `lr-train train` can be varied with --grid NAME=VALUES (repeatable; \
            the full product is trained) and --seeds; the other flags given apply to every \
            run. --betas is the β grid of a DVIB sweep (files beta-<β>.h5, as before). \
            The directory gets sweep.json, the manifest: what was asked, which runs \
            finished and which failed. A killed sweep is finished with the same command \
            and --resume: finished runs are skipped, interrupted ones resumed exactly.

            Examples:
              lr-train sweep --preset gaussian-mlp3 --grid weight-decay=0,1e-3,1e-2,1e-1 --grid lr=1e-4,1e-3 --seeds 0-4 --out sweeps/gauss/
              lr-train sweep --preset dvib-fashion --betas logspace:1e-4:1:13 --seeds 0-2 --out sweeps/dvib/
            then
              lr-analyze sweeps/gauss/*.h5 --eps 1e-2,1e-3 --by weight-decay,lr --plot gauss-grid.svg
              lr-analyze sweeps/dvib/*.h5 --by beta --eps 0.1 --plot rank-vs-beta.svg
            """)

    @OptionGroup var options: SweepOptions

    func run() throws {
        let sweep = try SweepSetup(options: options, arguments: CommandLine.arguments)
        let (jobs, threads) = SweepOptions.parallelism(jobs: options.jobs, threads: options.threads,
                                                       runs: sweep.plan.runs.count, cores: CurrentProcess.coreCount)
        let outcome = try SweepExecution(setup: sweep, jobs: jobs, threadsPerRun: threads, quiet: options.quiet).run()
        if let stopped = outcome.stopped { throw stopped }
        if outcome.failures > 0 { throw SweepFailures(failed: outcome.failures, setup: sweep) }
    }
}

/// `lr-train sweep`'s options: the training flags every run shares, the grid, the seeds and
/// the directory. Public so that `lr-mpi sweep` takes exactly these.
public struct SweepOptions: ParsableArguments {
    public init() {}

    @OptionGroup var training: TrainingOptions

    @Option(help: ArgumentHelp("A setting to vary: NAME=V1,V2,… or NAME=logspace:LOW:HIGH:COUNT, NAME any flag of lr-train train without its dashes (weight-decay, lr, batch, …). Repeat for a grid.", valueName: "name=values"),
            transform: GridAxis.option(parsing:))
    var grid: [GridAxis] = []

    @Option(help: ArgumentHelp("DVIB: the β values, logspace:LOW:HIGH:COUNT or a comma-separated list (the same as --grid beta=…, with files named beta-1.00e-03.h5).", valueName: "spec"),
            transform: GridAxis.option(betas:))
    var betas: GridAxis?

    @Option(help: ArgumentHelp("Train every setting with each of these seeds: a range like 0-4 or a list like 0,3,7.", valueName: "seeds"),
            transform: SeedList.option)
    var seeds: SeedList?

    @Option(help: ArgumentHelp("The directory for the run files and sweep.json (created with its parents if missing).", valueName: "directory"))
    var out: String

    @Option(parsing: .unconditional, help: ArgumentHelp("Runs trained at once. Default: one per core, each on one thread (--threads), and with fewer runs than cores the spare cores split their steps.", valueName: "n"))
    public var jobs: Int?

    @Flag(help: "Start over: overwrite the runs and manifest of an earlier sweep in the directory.")
    var force = false

    @Flag(help: "Finish the sweep of the same command in the directory: skip finished runs, resume interrupted ones, retry failed ones.")
    var resume = false

    /// No progress output.
    public var quiet: Bool { training.quiet }

    /// Each run's training threads, when given.
    public var threads: Int? { training.threads }

    public func validate() throws {
        try training.requireCompleteRun()
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if force && resume { throw ValidationError("give --force (start over) or --resume (finish), not both") }
    }

    /// Runs at once and threads per run. What is not given is chosen so that jobs × threads
    /// stays within `cores`: one run per core on one thread each (separate runs scale
    /// better than a step split across threads), and with fewer runs than cores each run
    /// takes the spare cores. Both given: as given.
    public static func parallelism(jobs: Int?, threads: Int?, runs: Int, cores: Int) -> (jobs: Int, threads: Int) {
        switch (jobs, threads) {
        case let (jobs?, threads?): return (jobs, threads)
        case let (jobs?, nil): return (jobs, max(1, cores / jobs))
        case let (nil, threads?): return (max(1, cores / threads), threads)
        case (nil, nil):
            let jobs = max(1, min(cores, runs))
            return (jobs, max(1, cores / jobs))
        }
    }

    /// The options only `sweep` has, which the runs do not get: name → whether it takes a value.
    static let ownOptions: [String: Bool] = ["--grid": true, "--betas": true, "--seeds": true, "--out": true,
                                             "--jobs": true, "--force": false, "--resume": false]
}

/// What a sweep will train: the plan, the flags every run shares, and the directory.
public struct SweepSetup: Sendable {
    public var plan: SweepPlan
    var trainingArguments: [String]
    /// The output directory, ending in `/`.
    public var directory: String
    var resume: Bool
    var force: Bool
    /// Every run's configuration, checked before anything is trained.
    var configurations: [TrainingConfiguration]

    /// The sweep `options` ask for; `arguments` is the whole command line, from which the
    /// flags every run shares are taken.
    public init(options command: SweepOptions, arguments: [String]) throws {
        plan = try SweepPlan(axes: (command.betas.map { [$0] } ?? []) + command.grid, seeds: command.seeds?.seeds)
        trainingArguments = Self.trainingArguments(in: arguments)
        directory = command.out.hasSuffix("/") ? command.out : command.out + "/"
        resume = command.resume
        force = command.force
        let shared = trainingArguments
        configurations = try plan.runs.map { run in try Self.configuration(shared + run.arguments, for: run) }
    }

    /// The command line without the program, the `sweep` word and the sweep's own options:
    /// the flags every run shares.
    static func trainingArguments(in arguments: [String]) -> [String] {
        var rest = Array(arguments.dropFirst())
        if let word = rest.firstIndex(of: "sweep") { rest.remove(at: word) }
        var shared = [String]()
        var index = 0
        while index < rest.count {
            let argument = rest[index]
            let name = String(argument.prefix { $0 != "=" })
            if let takesValue = SweepOptions.ownOptions[name] {
                index += takesValue && !argument.contains("=") ? 2 : 1
                continue
            }
            shared.append(argument)
            index += 1
        }
        return shared
    }

    /// The configuration of one run, parsed as `lr-train train` would parse its flags.
    static func configuration(_ arguments: [String], for run: SweepRun) throws -> TrainingConfiguration {
        let options: TrainingOptions
        do {
            options = try TrainingOptions.parse(arguments)
        } catch {
            let message = TrainingOptions.message(for: error).split(separator: "\n").first.map(String.init) ?? ""
            if let unknown = run.settings.keys.first(where: { message.contains("'--\($0)'") }), message.hasPrefix("Unknown option") {
                throw GridError(.unknownSetting, "--grid \(unknown): lr-train train has no option --\(unknown)")
            }
            let settings = run.settings.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            throw GridError(.invalidSetting, "--grid \(settings): \(message)")
        }
        return try options.makeConfiguration()
    }
}

/// Trains a sweep's runs, `jobs` at once, keeping the manifest up to date.
public struct SweepExecution: Sendable {
    public var setup: SweepSetup
    var jobs: Int
    /// Each run's training threads (nil: the run's own default, every core).
    var threadsPerRun: Int?
    var quiet: Bool
    /// Who reports each run's outcome and errors, and is the `producer` of the runs and the
    /// manifest: lr-train, or lr-mpi's rank.
    var tool: CommandLineTool
    var producer: String { tool.producer }

    public init(setup: SweepSetup, jobs: Int, threadsPerRun: Int?, quiet: Bool, tool: CommandLineTool = LRTrain.tool) {
        self.setup = setup
        self.jobs = jobs
        self.threadsPerRun = threadsPerRun
        self.quiet = quiet
        self.tool = tool
    }

    /// Trains what is left to train; returns how many runs failed, and why the sweep stopped
    /// early, if it did: after a failed write (a full disk) no further run starts.
    func run() throws -> (failures: Int, stopped: SweepStopped?) {
        let (start, todo) = try prepare()
        let manifest = Locked(start)
        let next = Locked(0), finished = Locked(0)
        let stopped = Locked<SweepStopped?>(nil)
        let progress = Locked(ProgressReporter(label: "\(tool.name) sweep", total: todo.count))
        DispatchQueue.concurrentPerform(iterations: min(jobs, max(todo.count, 1))) { _ in
            while stopped.withLock({ $0 == nil }),
                  let index = next.withLock({ value -> Int? in defer { value += 1 }; return value < todo.count ? todo[value] : nil }) {
                let entry = train(index)
                do {
                    try manifest.withLock { try $0.record(entry, run: index, directory: setup.directory) }
                } catch {
                    stopped.withLock { $0 = $0 ?? SweepStopped(cause: "\(error)", setup: setup) }
                }
                if entry.writeFailed == true { stopped.withLock { $0 = $0 ?? SweepStopped(cause: entry.error ?? "", setup: setup) } }
                let done = finished.withLock { value in value += 1; return value }
                if !quiet { progress.withLock { $0.update(done, unit: "runs", force: true) } }
            }
        }
        return (manifest.withLock { $0.failedCount }, stopped.withLock { $0 })
    }

    /// Creates the directory and writes the manifest to start from; returns it and the runs
    /// left to train (not finished), in the plan's order.
    public func prepare() throws -> (manifest: SweepManifest, todo: [Int]) {
        let directory = setup.directory
        try FileSystem.createDirectories(String(directory.dropLast()))
        let manifest = try startingManifest()
        try manifest.write(directory: directory)
        let todo = setup.plan.runs.indices.filter { manifest.runs[$0].status != .finished }
        if todo.isEmpty {
            tool.note("\(directory): every run of this sweep (\(setup.plan.runs.count)) is already finished; nothing to train")
        }
        return (manifest, todo)
    }

    /// The manifest to start from: a new one, or (with `--resume`) the earlier sweep's,
    /// which must describe the same runs.
    public func startingManifest() throws -> SweepManifest {
        let fresh = SweepManifest(producer: producer, trainingArguments: setup.trainingArguments, plan: setup.plan)
        guard let earlier = try SweepManifest.read(directory: setup.directory) else {
            if !setup.force, !setup.resume, let existing = setup.plan.runs.first(where: { FileSystem.exists(setup.directory + $0.file) }) {
                throw GridError(.earlierSweep, "\(setup.directory)\(existing.file) already exists; pass --resume to finish a sweep, or --force to overwrite")
            }
            return fresh
        }
        guard setup.resume else {
            guard setup.force else {
                throw GridError(.earlierSweep, "\(setup.directory)\(SweepManifest.fileName): a sweep was started here already; pass --resume to finish it, or --force to start over")
            }
            return fresh
        }
        guard earlier.describesSameSweep(as: fresh) else {
            throw GridError(.otherSweep, "\(setup.directory)\(SweepManifest.fileName) describes another sweep (other settings or runs); --resume finishes the sweep of the same command")
        }
        return earlier
    }

    /// Trains (or resumes) run `index`, reporting it on stderr.
    public func train(_ index: Int) -> SweepManifest.Entry {
        let run = setup.plan.runs[index]
        let path = setup.directory + run.file
        var entry = SweepManifest.Entry(file: run.file, settings: run.settings, status: .finished, error: nil, writeFailed: nil)
        do {
            let summary: TrainingSummary
            switch setup.resume ? earlierAttempt(path, configuration: setup.configurations[index]) : .none {
            case .interrupted:
                summary = try Trainer.resume(path: path, producer: producer, threads: threadsPerRun)
            case .complete:
                StandardStreams.writeError("\(tool.name): \(path): complete already\n")
                return entry
            case .none:
                var configuration = setup.configurations[index]
                configuration.threads = threadsPerRun
                summary = try Trainer(configuration: configuration, producer: producer)
                    .train(outputPath: path, overwrite: setup.force || setup.resume)
            }
            let metrics = summary.finalMetrics.sorted { $0.key < $1.key }.filter { $0.key.hasPrefix("test_") }
                .map { "\($0.key) \(formatQuantity($0.value))" }.joined(separator: ", ")
            StandardStreams.writeError("\(tool.name): \(path)\(metrics.isEmpty ? "" : ": " + metrics)\n")
        } catch let error as RunWriteFailed {
            // Reported once, by whoever stops the sweep; what it keeps is what the manifest says.
            entry.status = .failed
            entry.error = error.failure.description
            entry.writeFailed = true
        } catch {
            entry.status = .failed
            let message = tool.message(for: error)
            entry.error = message
            tool.reportError(message.hasPrefix(path + ":") ? message : "\(path): \(message)")
        }
        return entry
    }

    enum EarlierAttempt { case none, interrupted, complete }

    /// What an earlier attempt left at `path`: nothing to resume (no file, or one that is
    /// not a readable run), a run to resume, or a complete run.
    func earlierAttempt(_ path: String, configuration: TrainingConfiguration) -> EarlierAttempt {
        guard FileSystem.exists(path), let reader = try? RunReader(path: path), let last = try? reader.steps().last else {
            return .none
        }
        return last < configuration.steps ? .interrupted : .complete
    }
}

/// Runs of a sweep that failed; each was reported as it failed, and the manifest lists them.
public struct SweepFailures: Error, CustomStringConvertible, Sendable {
    public var failed: Int
    public var runs: Int
    /// The sweep's directory, ending in `/`.
    public var directory: String

    public init(failed: Int, setup: SweepSetup) {
        self.failed = failed
        runs = setup.plan.runs.count
        directory = setup.directory
    }

    public var description: String {
        "\(failed) of \(runs) runs failed; \(directory)\(SweepManifest.fileName) lists them, and --resume retries them"
    }
}

/// A sweep that a failed write (a full disk) stopped before its last run; `cause` names the file.
public struct SweepStopped: Error, CustomStringConvertible, Sendable {
    public var cause: String
    /// The sweep's directory, ending in `/`.
    public var directory: String

    public init(cause: String, setup: SweepSetup) {
        self.cause = cause
        directory = setup.directory
    }

    public var description: String {
        "\(cause); the sweep stopped, and the same command with --resume continues it (\(directory)\(SweepManifest.fileName) lists the runs finished)"
    }
}
