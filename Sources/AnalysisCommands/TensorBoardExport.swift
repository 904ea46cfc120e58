import CommandLineSupport
import LocalRank
import Platform
import RunFormat
import TensorBoardEvents

/// `--tensorboard DIR`: a run's analysis as TensorBoard scalars, in `DIR/<run name>/`, one
/// event per checkpoint at its step and wall time (the run's `created` time plus the
/// checkpoint's `wall_time`; 0 when the run stores no `created`), holding per threshold and
/// layer the measure's mean and standard deviation over the probe inputs (the mean alone for
/// the measures of weights and outputs, which have no spread), and the run's metrics. TensorBoard stores
/// scalars as float32: each value is the JSON's rounded to float32; NaN where the JSON has null.
///
/// One event file per run and measure, named after its creation time so that the newest
/// sorts last (TensorBoard follows only the last file of a directory); a later export of
/// the same run and measure replaces the earlier file.
struct TensorBoardExport {
    let report: Report
    let run: RunReader
    let file: EventFile
    /// Added to each checkpoint's `wall_time`.
    let started: Double

    /// The run's directory under `directory`: the run file's name without `.h5`.
    static func runDirectory(_ directory: String, run path: String) -> String {
        let name = basename(path)
        return (directory.hasSuffix("/") ? directory : directory + "/") + (name.hasSuffix(".h5") ? String(name.dropLast(3)) : name)
    }

    /// Starts the run's event file, replacing an earlier one of the same measure.
    init(directory: String, report: Report, run: RunReader) throws {
        let folder = Self.runDirectory(directory, run: report.file)
        try FileSystem.createDirectories(folder)
        let suffix = "lr-analyze.\(report.measure.rawValue)"
        let earlier = (try? FileSystem.paths(matching: "\(folder)/\(EventFile.namePrefix)*.\(suffix)")) ?? []
        do {
            file = try EventFile(directory: folder, suffix: suffix)
        } catch {
            throw OutputFileError(path: "\(folder)/\(EventFile.namePrefix)….\(suffix)", reason: error)
        }
        for path in earlier where path != file.path { FileSystem.remove(path) }
        self.report = report
        self.run = run
        started = run.creationTime() ?? 0
    }

    /// The tag of the measure (or, with `deviation`, its standard deviation) at a threshold
    /// and layer: `local_rank/eps=1e-3/layer_2`, `effective_rank/layer_0`.
    static func tag(_ measure: RankMeasure, epsilon: Double, layer: Int, deviation: Bool = false) -> String {
        let name = measure.rawValue.replacingOccurrences(of: "-", with: "_") + (deviation ? "_std" : "")
        return "\(name)/\(epsilon.isNaN ? "" : "eps=\(shortNumber(epsilon))/")layer_\(layer)"
    }

    static func metricTag(_ name: String) -> String { "metrics/\(name)" }

    /// Appends one event per checkpoint and waits for the disk.
    func append(_ results: [AnalyzedCheckpoint]) throws {
        guard !results.isEmpty else { return }
        let wallTimes = try run.metric("wall_time", count: try run.checkpointCount()) ?? []
        let events = results.map { checkpoint in
            let wallTime = wallTimes.indices.contains(checkpoint.index) ? wallTimes[checkpoint.index] : 0
            return Event(wallTime: started + wallTime, step: Int64(checkpoint.step), content: .scalars(scalars(checkpoint)))
        }
        do {
            try file.append(events)
        } catch {
            throw OutputFileError(path: file.path, reason: error)
        }
    }

    private func scalars(_ checkpoint: AnalyzedCheckpoint) -> [(tag: String, value: Float)] {
        var values = [(tag: String, value: Float)]()
        for (t, epsilon) in report.thresholds.enumerated() {
            for layer in report.layers {
                let summary = checkpoint.summary(threshold: t, layer: layer)
                values.append((Self.tag(report.measure, epsilon: epsilon, layer: layer), Float(summary.mean)))
                if report.measure.readsJacobianSpectra {
                    values.append((Self.tag(report.measure, epsilon: epsilon, layer: layer, deviation: true), Float(summary.standardDeviation)))
                }
            }
        }
        for name in report.metricNames {
            if let value = checkpoint.metrics[name] { values.append((Self.metricTag(name), Float(value))) }
        }
        return values
    }

    func close() throws {
        do {
            try file.close()
        } catch {
            throw OutputFileError(path: file.path, reason: error)
        }
    }
}
