import ArgumentParser
import Platform
import RunFormat

/// Checks run files against the run format v1 schema: what teams run on their own
/// writers' output.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check run files strictly against the run format v1 schema, listing every deviation.",
        discussion: """
            Prints one line per deviation (file, path, what is wrong): missing or mis-shaped \
            objects, wrong types, and the writing conventions (extendible first axes, one \
            checkpoint per chunk, shuffle and deflate). Exits 0 only when every file is fully \
            valid. lr-analyze itself needs less: it analyzes files that lack metrics and \
            other descriptive entries (see schemas/run-format-v1.md).

            Examples:
              lr-analyze validate run.h5
              lr-analyze validate runs/*.h5
            """)

    @Argument(help: ArgumentHelp("Run files to check.", valueName: "run.h5"))
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one run file") }
    }

    func run() throws {
        var invalidFiles = 0
        for file in files {
            let problems = RunValidator(scope: .complete).problems(inFile: file)
            for problem in problems { print("\(file): \(problem)") }
            if problems.isEmpty { print("\(file): valid (run format v\(RunLayout.formatVersion))") }
            if !problems.isEmpty { invalidFiles += 1 }
            StandardStreams.flushOutput()  // each file's verdict out before the next file is read
        }
        if invalidFiles > 0 { throw InvalidRunFiles(invalid: invalidFiles, checked: files.count) }
    }
}

/// Run files that `lr-analyze validate` found invalid; their problems are listed on stdout.
struct InvalidRunFiles: Error, CustomStringConvertible, Equatable {
    var invalid: Int
    var checked: Int

    var description: String {
        invalid == 1 && checked == 1 ? "the file is not valid run format v\(RunLayout.formatVersion)"
            : "\(invalid) of \(checked) files are not valid run format v\(RunLayout.formatVersion)"
    }
}
