import ArgumentParser
import CommandLineSupport
import LocalRank
import Platform
import RunFormat

/// `lr-analyze`: the root command, which the executable runs.
public struct AnalyzeCommand: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "lr-analyze",
        abstract: "Compute the local rank of every layer of a run's checkpoints.",
        discussion: """
            The local rank of layer l at threshold ε is the mean over the probe inputs x of \
            the number of singular values of J_l(x) = ∂z_l/∂x greater than ε, where z_l is \
            layer l's pre-activation (Patel and Shwartz-Ziv, 2024). The first analysis of \
            run.h5 stores the singular values in run.lr.h5, so that any other ε or measure \
            is read off without recomputing.
            """,
        version: CommandLineTool.version,
        subcommands: [RankCommand.self, ValidateCommand.self, TheoryCommand.self, SchemaCommand.self],
        defaultSubcommand: RankCommand.self)

    /// Runs lr-analyze on the process's arguments and exits with its status.
    public static func main() { tool.main(Self.self) }

    /// How lr-analyze (and lr-mpi analyze) word the errors of an analysis, with what to run
    /// or pass to get past one where there is something, and the status each ends with.
    public static let errorReporter: CommandLineTool.ErrorReporter = { error in
        switch error {
        case let error as RunFormatError where error.additionalProblems > 0:
            return ErrorReport("\(error); `lr-analyze validate \(error.file)` lists them all")
        case let error as AnalysisCacheError:
            return ErrorReport(cacheMessage(error))
        case let error as AnalysisRequestError:
            guard case .tooManyProbeInputs(let asked, let stored) = error.kind else { return ErrorReport(error.description) }
            return ErrorReport("\(error.file): --probe \(asked) asks for more than the \(stored) stored probe inputs")
        case let error as AnalysisInterrupted:
            let stop = Interrupts.requestName == "interrupt" ? "interrupted" : "stopped (\(Interrupts.requestName))"
            return ErrorReport("\(stop) after \(error.completed) of \(error.total) checkpoints; run again to continue",
                               status: .interrupted)
        case let error as NonFiniteCheckpoints:
            return ErrorReport(error.description, status: .nonFiniteCheckpoints)
        default:
            return nil
        }
    }

    static func cacheMessage(_ error: AnalysisCacheError) -> String {
        switch error.kind {
        case .otherRun: "\(error); pass --recompute to replace it, or choose another --cache"
        case .notACache: "\(error); remove it, or choose another --cache"
        case .damaged: "\(error); pass --recompute to rebuild it"
        case .notWritable: "\(error); choose another --cache"
        }
    }
}

extension AnalyzeCommand {
    /// lr-analyze on the command line.
    public static let tool = CommandLineTool(name: "lr-analyze", reporters: [errorReporter])
}

let tool = AnalyzeCommand.tool
