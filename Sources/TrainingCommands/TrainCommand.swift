import ArgumentParser
import CommandLineSupport
import Platform
import RunFormat
import TerminalProgress
import Training

/// Trains one model into one run file.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train an MLP or a DVIB and write its checkpoints to an HDF5 run file (run format v1). The default command.",
        discussion: """
            Start from a preset and override any of its settings with flags, or give \
            --data and --layers yourself. The run file is written in SWMR mode: \
            `lr-analyze --follow` can read it while it trains, and a killed run keeps \
            every completed checkpoint. Continue one with --resume.

            Examples:
              lr-train --preset gaussian-mlp3 --out runs/gauss.h5
              lr-train --preset fashion-mlp4 --steps 200000 --checkpoints log:60 --out runs/fashion.h5
              lr-train --data idx:/path/to/mnist --layers 784,200,200,200,200,10 --optimizer adamw --lr 1e-4 --out run.h5
              lr-train --preset dvib-fashion --beta 1e-3 --out runs/dvib.h5
            """)

    @OptionGroup var training: TrainingOptions

    @Option(help: ArgumentHelp("The run file to write.", valueName: "file.h5"))
    var out: String

    @Flag(help: "Overwrite --out if it exists.")
    var force = false

    @Flag(help: "Continue the run in --out from its last checkpoint with its stored settings (--steps may raise the total).")
    var resume = false

    @Option(help: ArgumentHelp("Also write the summary of the finished run as JSON: steps, step_seconds, wall_seconds, steps_per_second, checkpoints, final_metrics.", valueName: "file.json"))
    var summaryJSON: String?

    func validate() throws {
        if resume {
            if training.definesRun {
                throw ValidationError("--resume continues with the run's stored settings; --preset, --data, --layers and --architecture cannot change them")
            }
        } else {
            try training.requireCompleteRun()
        }
    }

    func run() throws {
        for path in [resume ? nil : out, summaryJSON].compactMap({ $0 }) { try createParentDirectories(of: path) }
        let progress = training.quiet ? nil : TrainingProgress.bar(label: tool.name)
        let summary = resume
            ? try Trainer.resume(path: out, producer: tool.producer, steps: training.steps, threads: training.threads, progress: progress)
            : try Trainer(configuration: try training.makeConfiguration(), producer: tool.producer)
                .train(outputPath: out, overwrite: force, progress: progress)
        if let summaryJSON { try writeOutputFile(jsonText(summary), to: summaryJSON) }
        let metrics = summary.finalMetrics.sorted { $0.key < $1.key }
            .map { "\($0.key) \(formatQuantity($0.value))" }.joined(separator: ", ")
        StandardStreams.writeError("\(tool.name): done: \(summary.steps) steps in \(format(summary.stepSeconds, digits: 2)) s (\(format(summary.stepsPerSecond, digits: 1)) steps/s), \(format(summary.wallSeconds, digits: 2)) s in all, \(summary.checkpointCount) checkpoints in \(out); \(metrics)\n")
    }
}

extension TrainingProgress {
    /// lr-train's progress bar: the steps, the last loss, the rate and the time left.
    static func bar(label: String) -> (TrainingProgress) -> Void {
        var reporter: ProgressReporter?
        return { progress in
            switch progress.phase {
            case .started:
                reporter = ProgressReporter(label: label, total: progress.totalSteps)
            case .training, .finished:
                let finished = progress.phase == .finished
                reporter?.update(progress.stepsDone, unit: "steps", detail: "loss \(formatQuantity(progress.loss))", force: finished)
                if finished { reporter?.finish() }
            case .stopped:
                reporter?.finish()
            }
        }
    }
}
