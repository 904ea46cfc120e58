import Platform
import Testing
@testable import TerminalProgress

/// What the progress lines say, captured instead of written to stderr.
@Suite struct ProgressReporterTests {
    final class Captured: @unchecked Sendable {
        let text = Locked("")
        var value: String { text.withLock { $0 } }
        var output: @Sendable (String) -> Void { { line in self.text.withLock { $0 += line } } }
    }

    @Test func plainLinesCountTheUnitsAndAreThrottled() {
        let captured = Captured()
        let reporter = ProgressReporter(label: "lr-train", total: 10, plainInterval: 3600, isTerminal: false, output: captured.output)
        reporter.update(3, unit: "steps", detail: "loss 2.303")
        reporter.update(4, unit: "steps")  // within the interval: not drawn
        reporter.update(10, unit: "steps", force: true)
        let lines = captured.value.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("lr-train: 3/10 steps  loss 2.303  "))
        #expect(lines[0].contains(" steps/s  ETA "))
        #expect(lines[1].hasPrefix("lr-train: 10/10 steps  "))
        reporter.finish()
        #expect(captured.value.split(separator: "\n").count == 2, "finishing a plain report writes nothing")
    }

    @Test func aTerminalBarIsRedrawnInPlaceAndEndsItsLine() {
        let captured = Captured()
        let reporter = ProgressReporter(label: "lr-analyze", total: 4, plainInterval: 10, isTerminal: true, output: captured.output)
        reporter.update(1, unit: "checkpoints", force: true)
        reporter.update(4, unit: "checkpoints", force: true)
        reporter.finish()
        let text = captured.value
        #expect(text.hasPrefix("\rlr-analyze ██████░░░░░░░░░░░░░░░░░░ 1/4 checkpoints"))
        #expect(text.contains("\rlr-analyze ████████████████████████ 4/4 checkpoints"))
        #expect(text.hasSuffix("\n") && text.filter { $0 == "\n" }.count == 1)
    }

    @Test func aCountingHandlerStartsAtZeroAndEndsAtTheTotal() {
        let captured = Captured()
        let handler = ProgressReporter.counting(label: "lr-import", unit: "checkpoints") { total in
            ProgressReporter(label: "lr-import", total: total, plainInterval: 0, isTerminal: false, output: captured.output)
        }
        handler(0, 2)
        #expect(captured.value.isEmpty, "a start draws nothing")
        handler(1, 2)
        handler(2, 2)
        let lines = captured.value.split(separator: "\n")
        #expect(lines.map { $0.prefix(28) } == ["lr-import: 1/2 checkpoints  ", "lr-import: 2/2 checkpoints  "])
        // A second batch (lr-analyze --follow) starts a new report with its own total.
        handler(0, 1)
        handler(1, 1)
        #expect(captured.value.split(separator: "\n").last?.hasPrefix("lr-import: 1/1 checkpoints") == true)
    }
}
