import ArgumentParser
import CommandLineSupport
import Platform
import RunFormat

/// Prints the machine-readable run format schema (`schemas/run-format-v1.json`).
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the run format v1 schema as JSON (the contents of schemas/run-format-v1.json).")

    func run() throws {
        try writeStandardOutput(RunSchema.v1.json)
    }
}
