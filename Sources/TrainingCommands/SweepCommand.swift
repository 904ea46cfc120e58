import ArgumentParser
import Dispatch
import Platform
import RealModule
import RunFormat
import Synchronization
import TerminalProgress
import Training

/// Trains one DVIB run per β into a directory.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Train one DVIB run per β, each into its own run file named by β.",
        discussion: """
            Examples:
              lr-train sweep --preset dvib-fashion --betas logspace:1e-4:1:13 --out sweeps/fashion/
              lr-train sweep --preset dvib-gaussian --betas 0.01,0.1,0.5 --jobs 2 --out sweeps/gauss/
            then
              lr-analyze sweeps/fashion/*.h5 --eps 1e-3 --by beta --plot rank-vs-beta.svg
            """)

    @OptionGroup var training: TrainingOptions

    @Option(help: ArgumentHelp("The β values: logspace:LOW:HIGH:COUNT (COUNT values evenly spaced on a log axis) or a comma-separated list.", valueName: "spec"))
    var betas: String

    @Option(help: ArgumentHelp("The directory for the run files (created if missing); each is named beta-<β>.h5.", valueName: "directory"))
    var out: String

    @Option(help: ArgumentHelp("Runs trained at once. Default: 1 (each run uses one core).", valueName: "n"))
    var jobs: Int = 1

    @Flag(help: "Overwrite existing run files.")
    var force = false

    /// The β values of a `--betas` specification.
    static func parseBetas(_ text: String) -> [Float]? {
        if text.hasPrefix("logspace:") {
            let parts = text.dropFirst(9).split(separator: ":").map { Double($0) }
            guard parts.count == 3, let low = parts[0], let high = parts[1], let count = parts[2],
                  low > 0, high > low, count >= 2, count == count.rounded() else { return nil }
            let n = Int(count)
            return (0..<n).map { Float(Double.exp(Double.log(low) + (Double.log(high) - Double.log(low)) * Double($0) / Double(n - 1))) }
        }
        let values = text.split(separator: ",").map { Float($0) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? -1) >= 0 && $0!.isFinite }) else { return nil }
        return values.map { $0! }
    }

    /// `beta-1.00e-03.h5`.
    static func fileName(beta: Float) -> String {
        "beta-" + formatted(Double(beta), "%.2e") + ".h5"
    }

    func validate() throws {
        try training.requireCompleteRun()
        guard SweepCommand.parseBetas(betas) != nil else {
            throw ValidationError("--betas '\(betas)' is not logspace:LOW:HIGH:COUNT or a list of non-negative numbers")
        }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        tool.watchHDF5()
        let values = SweepCommand.parseBetas(betas)!
        let base: TrainingConfiguration
        do {
            base = try training.makeConfiguration()
        } catch let error as ValidationError {
            throw error
        } catch {
            tool.reportError("\(error)")
            throw ExitCode.failure
        }
        guard base.architecture == .dvib else {
            throw ValidationError("a sweep varies a DVIB's β: use a dvib preset or --architecture dvib")
        }
        do {
            try FileSystem.createDirectory(out)
        } catch {
            tool.reportError("\(out): cannot create the directory (\(error))")
            throw ExitCode.failure
        }
        let directory = out.hasSuffix("/") ? out : out + "/"
        let failures = Mutex<[String]>([])
        let next = Mutex(0)
        let progress = Mutex(ProgressReporter(label: "lr-train sweep", total: values.count))
        let done = Mutex(0)
        let force = self.force
        DispatchQueue.concurrentPerform(iterations: min(jobs, values.count)) { _ in
            while true {
                let index: Int = next.withLock { value in defer { value += 1 }; return value }
                guard index < values.count else { return }
                var configuration = base
                configuration.beta = values[index]
                let path = directory + SweepCommand.fileName(beta: values[index])
                do {
                    let summary = try Trainer(configuration: configuration, producer: producer)
                        .train(outputPath: path, overwrite: force, quiet: true)
                    let metrics = summary.finalMetrics.sorted { $0.key < $1.key }
                        .filter { $0.key.hasPrefix("test_") }
                        .map { "\($0.key) \(format($0.value, digits: 4))" }.joined(separator: ", ")
                    StandardStreams.writeError("lr-train: β = \(values[index]): \(path): \(metrics)\n")
                } catch {
                    failures.withLock { $0.append("\(error)") }
                    tool.reportError("β = \(values[index]): \(commandLineMessage(error))")
                }
                let finished = done.withLock { value in value += 1; return value }
                if !training.quiet { progress.withLock { $0.update(finished, unit: "runs", force: true) } }
            }
        }
        let failed = failures.withLock { $0 }
        if !failed.isEmpty {
            tool.reportError("\(failed.count) of \(values.count) runs failed")
            throw ExitCode.failure
        }
    }
}
