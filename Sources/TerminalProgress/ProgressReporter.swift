import Platform

/// Progress on stderr: a bar redrawn in place when stderr is a terminal, plain lines
/// at most every `plainInterval` seconds when it is not (a log file, CI).
///
/// We draw it ourselves rather than use console-kit's `ProgressBar`: that library
/// brings SwiftNIO into every clean build and writes to stdout, where our tables go.
public final class ProgressReporter: @unchecked Sendable {
    public let label: String
    public let total: Int
    let isTerminal: Bool
    let plainInterval: Double
    let start: Double
    var lastDraw = -Double.infinity
    var lastDrawnLength = 0
    /// Where the lines go: standard error.
    let output: @Sendable (String) -> Void

    public convenience init(label: String, total: Int, plainInterval: Double = 10) {
        self.init(label: label, total: total, plainInterval: plainInterval, isTerminal: StandardStreams.errorIsTerminal,
                  output: StandardStreams.writeError)
    }

    init(label: String, total: Int, plainInterval: Double, isTerminal: Bool, output: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.total = max(total, 1)
        self.isTerminal = isTerminal
        self.plainInterval = plainInterval
        self.output = output
        self.start = MonotonicClock.seconds()
    }

    /// Reports `done` of `total` units, with extra fields such as "loss 0.123".
    /// `unit` names what is counted, for the rate ("steps", "checkpoints").
    public func update(_ done: Int, unit: String, detail: String = "", force: Bool = false) {
        let now = MonotonicClock.seconds()
        let interval = isTerminal ? 0.1 : plainInterval
        guard force || now - lastDraw >= interval else { return }
        lastDraw = now
        let elapsed = now - start
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let remaining = rate > 0 ? Double(total - done) / rate : .infinity
        let fraction = Double(done) / Double(total)
        let counts = "\(done)/\(total) \(unit)"
        let speed = "\(format(rate, digits: rate < 10 ? 2 : 0)) \(unit)/s"
        let eta = "ETA \(formatDuration(remaining))"
        let fields = [counts, detail, speed, eta].filter { !$0.isEmpty }.joined(separator: "  ")
        if isTerminal {
            let width = 24
            let filled = min(width, Int(fraction * Double(width)))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let line = "\(label) \(bar) \(fields)"
            let padding = String(repeating: " ", count: max(0, lastDrawnLength - line.count))
            lastDrawnLength = line.count
            write("\r" + line + padding)
        } else {
            write("\(label): \(fields)\n")
        }
    }

    /// Ends the bar's line on a terminal.
    public func finish() {
        if isTerminal && lastDrawnLength > 0 { write("\n") }
        lastDrawnLength = 0
    }

    func write(_ text: String) { output(text) }

    /// A handler for work that reports `(done, total)`, as `RunAnalyzer.progress` does: a
    /// report of 0 done starts a bar labelled `label` (the clock of its rate starts then),
    /// later ones draw it, and the last (done == total) ends its line.
    public static func counting(label: String, unit: String) -> (_ done: Int, _ total: Int) -> Void {
        counting(label: label, unit: unit) { total in ProgressReporter(label: label, total: total) }
    }

    static func counting(label: String, unit: String, making make: @escaping (Int) -> ProgressReporter) -> (_ done: Int, _ total: Int) -> Void {
        var reporter: ProgressReporter?
        return { done, total in
            if done == 0 || reporter == nil { reporter = make(total) }
            guard done > 0, let reporter else { return }
            reporter.update(done, unit: unit, force: done == total)
            if done == total { reporter.finish() }
        }
    }
}

/// `value` with `digits` decimals.
public func format(_ value: Double, digits: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
    return formatted(value, "%.\(digits)f")
}

/// `value` in scientific notation with four significant digits, e.g. "1.461e-10".
public func formatScientific(_ value: Double) -> String { formatted(value, "%.3e") }

/// `value` with `digits` significant digits, e.g. "0.00178" or "1e-04".
public func formatSignificant(_ value: Double, digits: Int) -> String { formatted(value, "%.\(digits)g") }

/// "1h02m", "3m05s", "12s".
public func formatDuration(_ seconds: Double) -> String {
    guard seconds.isFinite else { return "--" }
    let s = Int(seconds.rounded())
    if s >= 3600 { return "\(s / 3600)h\(String(format2: (s % 3600) / 60))m" }
    if s >= 60 { return "\(s / 60)m\(String(format2: s % 60))s" }
    return "\(s)s"
}

extension String {
    init(format2 value: Int) { self = value < 10 ? "0\(value)" : "\(value)" }
}

/// A measured quantity for people (a loss, an accuracy): four significant digits, in
/// scientific notation below 1e-4 and from 1e4 on: "2.303", "0.8023", "1.234e-05",
/// "7.131e+22" (a diverged loss), never "0.0000" for a small loss.
public func formatQuantity(_ value: Double) -> String {
    guard value.isFinite else { return format(value, digits: 0) }
    return formatted(value, "%#.4g")
}

/// A setting as a person would write it (β, stored in single precision): six significant
/// digits, so that 10^-2.5 reads "0.00316228" rather than "0.0031622776".
public func formatSetting(_ value: Double) -> String {
    guard value.isFinite else { return format(value, digits: 0) }
    return formatted(value, "%.6g")
}
