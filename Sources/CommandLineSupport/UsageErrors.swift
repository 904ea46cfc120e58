import ArgumentParser
import Foundation
import Platform

extension CommandLineTool {
    /// Runs `root` on the process's arguments as ArgumentParser's `main()` does, except that a
    /// usage error is one line on stderr (`lr-analyze: error: … (see lr-analyze --help)`)
    /// and an option the command does not have is named before any other problem. Errors a
    /// command reports itself end in an `ExitCode`, which is passed on silently.
    public func main(_ root: any ParsableCommand.Type) -> Never {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try root.parseAsRoot(arguments)
            try command.run()
            exit(0)
        } catch {
            let outcome = self.outcome(of: error, root: root, arguments: arguments)
            if !outcome.text.isEmpty {
                if outcome.status == 0 { print(outcome.text) } else { StandardStreams.writeError(outcome.text + "\n") }
            }
            exit(outcome.status)
        }
    }

    /// What to print for an error out of parsing or running `root`, and the exit status:
    /// help and version text on stdout (status 0), nothing for an `ExitCode` (the command
    /// has reported), and otherwise the one error line.
    public func outcome(of error: any Error, root: any ParsableCommand.Type, arguments: [String]) -> (text: String, status: Int32) {
        let status = root.exitCode(for: error).rawValue
        if status == 0 { return (root.fullMessage(for: error), 0) }
        if error is ExitCode { return ("", status) }
        return (String(usageErrorLine(error, root: root, arguments: arguments).dropLast()), status)
    }

    /// `lr-train: error: problem (see lr-train sweep --help)`, newline included: an option
    /// the command does not know (with the nearest it does) takes precedence over whatever
    /// else ArgumentParser or a `validate()` found, since a misspelled option's value is
    /// otherwise taken for something else (a second run file).
    public func usageErrorLine(_ error: any Error, root: any ParsableCommand.Type, arguments: [String]) -> String {
        let commands = CommandOptions.path(root: root, arguments: arguments)
        let problem = commands.last.flatMap { $0.unknownOption(in: arguments) } ?? sentenceCase(root.message(for: error))
        let help = (commands.filter(\.isNamed).map(\.name) + ["--help"]).joined(separator: " ")
        return errorLine("\(problem.replacingOccurrences(of: "\n", with: "; ")) (see \(help))")
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
