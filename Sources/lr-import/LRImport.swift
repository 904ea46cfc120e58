import ArgumentParser
import CommandLineSupport

@main
struct LRImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lr-import",
        abstract: "Turn checkpoints you already have (Keras HDF5, safetensors) into a run file for lr-analyze.",
        discussion: """
            Each checkpoint file is one training step of one MLP; lr-import reads its dense \
            layers, takes the step from the number in the file name (or --steps), sorts the \
            checkpoints by step and writes a run file (run format v1) with your probe inputs. \
            Bad input is refused with one line naming the file and the problem, and no \
            output is left behind. docs/import.md describes the layouts read.
            """,
        version: importerVersion,
        subcommands: [KerasCommand.self, SafetensorsCommand.self])

    /// A usage error is one line.
    static func main() { tool.main(Self.self) }
}

let importerVersion = "0.1.0"
let producer = "lr-import \(importerVersion)"
let tool = CommandLineTool(name: "lr-import")
