import ArgumentParser
import CommandLineSupport
import Foundation
import Testing

/// A small tool with the shapes of ours: a root with a default subcommand whose option is
/// parsed by a transform, and a run that fails as asked.
struct SampleTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lr-sample", version: CommandLineTool.version, subcommands: [SampleRun.self], defaultSubcommand: SampleRun.self)
}

struct SampleRun: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run")

    @Option(parsing: .unconditional, help: "A threshold.", transform: SampleRun.positive)
    var eps = 1.0

    @Option(help: "What to fail with: known, validation or other.")
    var fail: String?

    static func positive(_ text: String) throws(OptionValueError) -> Double {
        guard let value = Double(text), value > 0 else { throw OptionValueError("--eps must be positive, not \(text)") }
        return value
    }

    func run() throws {
        switch fail {
        case "known": throw KnownProblem()
        case "validation": throw ValidationError("--eps 3 is more than the run has")
        case "other": throw OtherProblem()
        default: break
        }
    }
}

struct KnownProblem: Error, CustomStringConvertible { var description: String { "run.h5: 2 checkpoints are not finite" } }
struct OtherProblem: Error, CustomStringConvertible { var description: String { "data.bin: cannot open it" } }

@Suite struct RunnerTests {
    let tool = CommandLineTool(name: "lr-sample", reporters: [
        { error in error is KnownProblem ? ErrorReport("\(error); see the table", status: .nonFiniteCheckpoints) : nil },
    ])

    @Test func aCommandThatSucceedsEndsWithSuccessAndNoText() {
        #expect(tool.run(SampleTool.self, arguments: ["--eps", "0.5"]) == CommandOutcome())
    }

    @Test func anErrorIsOneLineWithTheStatusItsReporterNames() {
        #expect(tool.run(SampleTool.self, arguments: ["--fail", "known"])
                == CommandOutcome(text: "lr-sample: error: run.h5: 2 checkpoints are not finite; see the table", status: .nonFiniteCheckpoints))
        #expect(tool.run(SampleTool.self, arguments: ["--fail", "other"])
                == CommandOutcome(text: "lr-sample: error: data.bin: cannot open it", status: .failure))
    }

    @Test func usageErrorsAreOneLineWithStatus64() {
        #expect(tool.run(SampleTool.self, arguments: ["--eps", "-1e-3"])
                == CommandOutcome(text: "lr-sample: error: --eps must be positive, not -1e-3 (see lr-sample --help)", status: .usage))
        // An unknown option is named first, with the nearest known one, whatever else is wrong.
        #expect(tool.run(SampleTool.self, arguments: ["--esp", "1", "--eps", "-1"])
                == CommandOutcome(text: "lr-sample: error: unknown option '--esp'; did you mean '--eps'? (see lr-sample --help)", status: .usage))
        #expect(tool.run(SampleTool.self, arguments: ["run", "--eps"]).text
                == "lr-sample: error: missing value for '--eps <eps>' (see lr-sample run --help)")
        // A validation error found while running is a usage error too.
        #expect(tool.run(SampleTool.self, arguments: ["--fail", "validation"])
                == CommandOutcome(text: "lr-sample: error: --eps 3 is more than the run has (see lr-sample --help)", status: .usage))
    }

    @Test func helpAndVersionGoToStandardOutput() {
        let help = tool.run(SampleTool.self, arguments: ["run", "--help"])
        #expect(help.status == .success && help.text.contains("--eps") && help.text.contains("A threshold."))
        #expect(tool.run(SampleTool.self, arguments: ["--version"]) == CommandOutcome(text: CommandLineTool.version))
    }

    @Test func aContextSpeaksInErrorsButNotInUsageLines() {
        let rank = tool.speaking(as: "rank 2")
        #expect(rank.errorLine("run.h5: damaged\nat /x") == "lr-sample: error: rank 2: run.h5: damaged at /x\n")
        #expect(rank.run(SampleTool.self, arguments: ["--fail", "other"]).text == "lr-sample: error: rank 2: data.bin: cannot open it")
        #expect(rank.run(SampleTool.self, arguments: ["--eps", "0"]).text == "lr-sample: error: --eps must be positive, not 0 (see lr-sample --help)")
        #expect(rank.producer == "lr-sample \(CommandLineTool.version)")
    }
}

@Suite struct ExitStatusTests {
    /// The README's table of exit codes lists every status, by number and name, in order.
    @Test func theREADMEsTableListsEveryStatus() throws {
        let readme = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md"), encoding: .utf8)
        let rows = readme.split(separator: "\n").compactMap { line -> String? in
            guard let match = line.wholeMatch(of: /\| (\d+) \| `(\w+)` \|.*/) else { return nil }
            return "\(match.1) \(match.2)"
        }
        #expect(rows == ExitStatus.allCases.map { "\($0.rawValue) \($0)" })
    }

    @Test func statusesAreTheConventionalNumbers() {
        #expect(ExitStatus.usage.rawValue == ExitCode.validationFailure.rawValue)
        #expect(ExitStatus.interrupted.rawValue == 128 + 2)
        #expect(ExitStatus.success.rawValue == 0 && ExitStatus.failure.rawValue == 1)
    }
}
