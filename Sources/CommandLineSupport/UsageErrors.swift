import ArgumentParser
import Foundation
import Platform

/// How a run of a command ends: the text to print (help or version on stdout, or the one
/// error line on stderr) and the status.
public struct CommandOutcome: Sendable, Equatable {
    public var text: String
    public var status: ExitStatus

    public init(text: String = "", status: ExitStatus = .success) {
        self.text = text
        self.status = status
    }

    /// Writes the text: help and version to standard output, an error line to standard error.
    public func print() {
        guard !text.isEmpty else { return }
        if status == .success { Swift.print(text) } else { StandardStreams.writeError(text + "\n") }
    }
}

extension CommandLineTool {
    /// Runs `root` on the process's arguments and ends the process: the one way every tool
    /// turns an error into its line and exit status. HDF5 calls are watched while it runs.
    public func main(_ root: any ParsableCommand.Type) -> Never {
        watchHDF5()
        let outcome = run(root, arguments: Array(CommandLine.arguments.dropFirst()))
        outcome.print()
        exit(outcome.status.rawValue)
    }

    /// Parses `arguments` as `root`'s command line and runs the command, as ArgumentParser's
    /// `main()` does, except that a usage error is one line (`usageErrorLine`) and an error
    /// of the command is reported as this tool words it (`report(for:)`), with its status.
    public func run(_ root: any ParsableCommand.Type, arguments: [String]) -> CommandOutcome {
        var command: any ParsableCommand
        do {
            command = try root.parseAsRoot(arguments)
        } catch {
            return outcome(ofParsing: error, root: root, arguments: arguments)
        }
        do {
            try command.run()
            return CommandOutcome()
        } catch {
            return outcome(ofRunning: error, root: root, arguments: arguments)
        }
    }

    /// Help and version text on stdout (status 0), and otherwise the one usage line.
    func outcome(ofParsing error: any Error, root: any ParsableCommand.Type, arguments: [String]) -> CommandOutcome {
        let status = ExitStatus(rawValue: root.exitCode(for: error).rawValue) ?? .usage
        if status == .success { return CommandOutcome(text: root.fullMessage(for: error)) }
        return CommandOutcome(text: String(usageErrorLine(error, root: root, arguments: arguments).dropLast()), status: status)
    }

    /// An error out of a command's `run()`: ArgumentParser's own as ArgumentParser's (its
    /// `help` command throws the help text; a `ValidationError` found late is a usage error);
    /// every other as the tool reports it.
    func outcome(ofRunning error: any Error, root: any ParsableCommand.Type, arguments: [String]) -> CommandOutcome {
        if let code = error as? ExitCode { return CommandOutcome(status: ExitStatus(rawValue: code.rawValue) ?? .failure) }
        // ArgumentParser gives its own errors (most of their types internal) status 0 or 64,
        // and every other error 1.
        if root.exitCode(for: error) != .failure {
            return outcome(ofParsing: error, root: root, arguments: arguments)
        }
        let report = report(for: error)
        return CommandOutcome(text: String(errorLine(report.message).dropLast()), status: report.status)
    }

    /// `lr-train: error: problem (see lr-train sweep --help)`, newline included: an option
    /// the command does not know (with the nearest it does) takes precedence over whatever
    /// else ArgumentParser or a `validate()` found, since a misspelled option's value is
    /// otherwise taken for something else (a second run file).
    public func usageErrorLine(_ error: any Error, root: any ParsableCommand.Type, arguments: [String]) -> String {
        let commands = CommandOptions.path(root: root, arguments: arguments)
        let problem = commands.last.flatMap { $0.unknownOption(in: arguments) }
            ?? OptionValueError.find(in: error)?.description ?? sentenceCase(root.message(for: error))
        let help = (commands.filter(\.isNamed).map(\.name) + ["--help"]).joined(separator: " ")
        // A usage error is the whole tool's (lr-mpi's every rank parses the same line): no context.
        return CommandLineTool(name: name).errorLine("\(problem.replacingOccurrences(of: "\n", with: "; ")) (see \(help))")
    }

    private func sentenceCase(_ message: String) -> String {
        // ArgumentParser's own messages start with a capital ("Missing value for …"); ours do not.
        guard let first = message.first, first.isUppercase, message.dropFirst().first?.isLowercase == true else { return message }
        return first.lowercased() + message.dropFirst()
    }
}

/// A command's name and the long option names it accepts, read from ArgumentParser's
/// description of the tool (`_dumpHelp`), to name an option it does not have.
struct CommandOptions: Decodable {
    var name: String
    var longNames: Set<String>
    var subcommands: [CommandOptions]
    var defaultSubcommand: String?
    /// Whether the command line names it (the root, or a subcommand's word), rather than it
    /// being the default subcommand.
    var isNamed = true

    private enum Keys: String, CodingKey { case commandName, arguments, subcommands, defaultSubcommand }
    private struct Argument: Decodable { var names: [Name]? }
    private struct Name: Decodable { var kind: String; var name: String }
    private struct Document: Decodable { var command: CommandOptions }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        name = try container.decode(String.self, forKey: .commandName)
        let arguments = try container.decodeIfPresent([Argument].self, forKey: .arguments) ?? []
        longNames = Set(arguments.flatMap { $0.names ?? [] }.filter { $0.kind == "long" }.map(\.name))
        longNames.formUnion(["help", "version"])
        subcommands = try container.decodeIfPresent([CommandOptions].self, forKey: .subcommands) ?? []
        defaultSubcommand = try container.decodeIfPresent(String.self, forKey: .defaultSubcommand)
    }

    /// The commands the arguments name, the root first: subcommand words, else the default one.
    static func path(root: any ParsableCommand.Type, arguments: [String]) -> [CommandOptions] {
        guard let document = try? JSONDecoder().decode(Document.self, from: Data(root._dumpHelp().utf8)) else { return [] }
        var path = [document.command]
        var words = arguments.filter { !$0.hasPrefix("-") }[...]
        while let current = path.last, !current.subcommands.isEmpty {
            if let word = words.first, let named = current.subcommands.first(where: { $0.name == word }) {
                path.append(named)
                words = words.dropFirst()
            } else if var fallback = current.subcommands.first(where: { $0.name == current.defaultSubcommand }) {
                fallback.isNamed = false
                path.append(fallback)
            } else {
                break
            }
        }
        return path
    }

    /// "unknown option '--esp'; did you mean '--eps'?" for the first `--name` (before a `--`)
    /// that this command does not accept; a suggestion only when it is within ArgumentParser's
    /// distance (fewer than 4 edits).
    func unknownOption(in arguments: [String]) -> String? {
        let options = arguments.prefix { $0 != "--" }.filter { $0.hasPrefix("--") && $0.count > 2 }
        let names = options.map { String($0.prefix { $0 != "=" }) }
        guard let name = names.first(where: { !longNames.contains(String($0.dropFirst(2))) }) else { return nil }
        var nearest: (name: String, distance: Int)?
        for known in longNames.subtracting(["help", "version"]).sorted() {
            let distance = editDistance("--" + known, name)
            if distance < 4 && distance < (nearest?.distance ?? Int.max) { nearest = ("--" + known, distance) }
        }
        return "unknown option '\(name)'" + (nearest.map { "; did you mean '\($0.name)'?" } ?? "")
    }
}

/// Levenshtein distance: insertions, deletions and substitutions of characters.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + [Int](repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
