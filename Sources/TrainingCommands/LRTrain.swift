import ArgumentParser
import CommandLineSupport
import RunFormat
import Training

/// `lr-train`: the root command, which the executable runs.
public struct LRTrain: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "lr-train",
        abstract: "Train MLPs and DVIBs and write their checkpoints to HDF5 run files.",
        discussion: """
            `lr-train [options]` trains one run (the `train` command); `lr-train sweep` \
            trains a grid of settings × seeds (β values for DVIBs). `lr-train help train` lists every option.
            """,
        version: CommandLineTool.version,
        subcommands: [TrainCommand.self, SweepCommand.self],
        defaultSubcommand: TrainCommand.self)

    /// Runs lr-train on the process's arguments and exits with its status.
    public static func main() { tool.main(Self.self) }

    /// How lr-train (and lr-mpi sweep) word the errors of training and sweeps, with the
    /// flag that gets past one where there is one, and the status each ends with.
    public static let errorReporter: CommandLineTool.ErrorReporter = { error in
        switch error {
        case let error as RunFormatError where error.kind == .alreadyExists:
            return ErrorReport("\(error); pass --force to overwrite it")
        case let error as ConfigurationError:
            return ErrorReport(error.key.flagName.map { "--\($0): \(error.problem)" } ?? error.description)
        case let error as TrainingStopped:
            return ErrorReport(error.description, status: .trainingStopped)
        default:
            return nil
        }
    }
}

extension LRTrain {
    /// lr-train on the command line.
    public static let tool = CommandLineTool(name: "lr-train", reporters: [errorReporter])
}

let tool = LRTrain.tool
