import ArgumentParser
import CheckpointImport
import CommandLineSupport

/// `lr-import`: the root command, which the executable runs.
public struct LRImport: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "lr-import",
        abstract: "Turn checkpoints you already have (Keras HDF5, safetensors) into a run file for lr-analyze.",
        discussion: """
            Each checkpoint file is one training step of one MLP; lr-import reads its dense \
            layers, takes the step from the number in the file name (or --steps), sorts the \
            checkpoints by step and writes a run file (run format v1) with your probe inputs. \
            Bad input is refused with one line naming the file and the problem, and no \
            output is left behind. docs/import.md describes the layouts read.
            """,
        version: CommandLineTool.version,
        subcommands: [KerasCommand.self, SafetensorsCommand.self])

    /// Runs lr-import on the process's arguments and exits with its status.
    public static func main() { tool.main(Self.self) }

    /// How lr-import words a refused input: with the flag that gets past it, where there is one.
    public static let errorReporter: CommandLineTool.ErrorReporter = { error in
        guard let error = error as? CheckpointImportError else { return nil }
        return switch error.remedy {
        case .chooseLayers?: ErrorReport("\(error); choose the layers and their order with --layers NAME,NAME,…")
        case .giveActivations?: ErrorReport("\(error); give --activations relu (one name for every hidden layer) or a list like relu,tanh (one per hidden layer)")
        case .omitActivations?: ErrorReport("\(error); leave --activations out to use the file's")
        case .giveSteps?: ErrorReport("\(error); or give the steps with --steps")
        case .overwrite?: ErrorReport("\(error); pass --force to overwrite it")
        case .otherOutput?: ErrorReport("\(error); --out must name another file")
        case .saveAsSafetensors?: ErrorReport("\(error); save the weights as safetensors instead, e.g. safetensors.torch.save_file(model.state_dict(), \"step-100.safetensors\"), and import those with lr-import safetensors")
        case nil: ErrorReport(error.description)
        }
    }
}

extension LRImport {
    /// lr-import on the command line.
    public static let tool = CommandLineTool(name: "lr-import", reporters: [errorReporter])
}

let tool = LRImport.tool
