import ArgumentParser
import LocalRank

/// What an analysis reports and how, shared by `rank` and `information`: the output
/// format, the checkpoints, the layers and the probe inputs.
struct ReportSelection: ParsableArguments {
    @Option(help: ArgumentHelp("Output: table, csv or json.", valueName: "format"))
    var format: OutputFormat = .table

    @Option(help: ArgumentHelp("Checkpoints to analyze, by training step: all, last, or a list of steps and ranges like 0,1000-5000. Default: all.", valueName: "steps"),
            transform: CheckpointSelection.init(option:))
    var checkpoints = CheckpointSelection.all

    @Option(help: ArgumentHelp("Layers to report, by index: all, or a list like 0,2. Default: all.", valueName: "list"),
            transform: LayerSelection.init(option:))
    var layers = LayerSelection.all

    @Option(parsing: .unconditional, help: ArgumentHelp("Use only the first N probe inputs. Default: all stored.", valueName: "N"))
    var probe: Int?

    func validate() throws {
        if let probe, probe <= 0 { throw ValidationError("--probe must be positive, not \(probe)") }
    }
}
