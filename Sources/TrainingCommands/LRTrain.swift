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
        version: producerVersion,
        subcommands: [TrainCommand.self, SweepCommand.self],
        defaultSubcommand: TrainCommand.self)

    /// Runs lr-train on the process's arguments; a usage error is one line.
    public static func main() { tool.main(Self.self) }

    /// The one line lr-train prints for `error` (after `lr-train: error: `).
    public static func message(for error: any Error) -> String { commandLineMessage(error) }
}

let producerVersion = "0.1.0"
let producer = "lr-train \(producerVersion)"
let tool = CommandLineTool(name: "lr-train")

/// One line for an error, with the flag it is about, or the flag that would get past it.
func commandLineMessage(_ error: any Error) -> String {
    switch error {
    case let error as RunFormatError where error.kind == .alreadyExists:
        return "\(error); pass --force to overwrite it"
    case let error as ConfigurationError:
        return SettingFlags.message(error)
    default:
        return "\(error)"
    }
}
