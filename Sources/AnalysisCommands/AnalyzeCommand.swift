import ArgumentParser
import CommandLineSupport
import LocalRank
import Platform
import RunFormat
import TerminalProgress

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
        version: analyzerVersion,
        subcommands: [RankCommand.self, ValidateCommand.self, TheoryCommand.self, SchemaCommand.self],
        defaultSubcommand: RankCommand.self)

    /// The one line lr-analyze prints for `error` (after `lr-analyze: error: `).
    public static func message(for error: any Error) -> String { commandLineMessage(error) }
}

let analyzerVersion = "0.1.0"
let producer = "lr-analyze \(analyzerVersion)"
let tool = CommandLineTool(name: "lr-analyze")

/// Runs `body` with HDF5 watched for stalls, turning any error but an exit code into one
/// line on stderr and exit 1.
func reportingErrors(_ body: () throws -> Void) throws {
    tool.watchHDF5()
    do {
        let outcome = Result { try body() }
        // What was printed must reach its file: a full disk behind a redirection fails here.
        try StandardStreams.finishOutput()
        try outcome.get()
    } catch let error as ExitCode {
        throw error
    } catch let error as NonFiniteCheckpoints {
        tool.reportError(error.description)
        throw ExitCode(4)
    } catch {
        tool.reportError(commandLineMessage(error))
        // 128 + SIGINT, as shells report an interrupted command.
        throw error is AnalysisInterrupted ? ExitCode(130) : ExitCode.failure
    }
}

/// One line for an error, with what to run or pass to get past it where there is something.
func commandLineMessage(_ error: any Error) -> String {
    switch error {
    case let error as RunFormatError where error.kind == .external:
        return "\(error); pass --allow-external to read it"
    case let error as RunFormatError where error.additionalProblems > 0:
        return "\(error); `lr-analyze validate \(error.file)` lists them all"
    case let error as SystemError:
        return "standard output: cannot write it (\(error))"
    case let error as AnalysisCacheError:
        switch error.kind {
        case .otherRun: return "\(error); pass --recompute to replace it, or choose another --cache"
        case .notACache: return "\(error); remove it, or choose another --cache"
        case .damaged: return "\(error); pass --recompute to rebuild it"
        case .notWritable: return "\(error); choose another --cache"
        case .writeFailed: return "\(error); it keeps the checkpoints completed before: free some space, or choose another --cache, and run again"
        }
    case let error as AnalysisRequestError:
        if case .tooManyProbeInputs(let asked, let stored) = error.kind {
            return "\(error.file): --probe \(asked) asks for more than the \(stored) stored probe inputs"
        }
        return "\(error)"
    case let error as AnalysisInterrupted:
        return "\(Interrupts.requestName == "interrupt" ? "interrupted" : "stopped (\(Interrupts.requestName))") after \(error.completed) of \(error.total) checkpoints; run again to continue"
    default:
        return "\(error)"
    }
}
