/// Whether a quantity (a layer's local rank) falls in the final phase of training, the
/// question of the paper's first claim. The final phase is the last decade of training
/// steps (from a tenth of the last step on: the right-most decade of a log-step plot).
///
/// The rule, fixed before any run was looked at: the change from the phase's first
/// checkpoint to the last counts when it exceeds 1% of the starting value and, for counts
/// (local and relative rank), half a dimension, well above the noise of a mean over
/// hundreds of probe inputs; a count whose whole range is under 0.05 is constant.
public struct FinalPhaseTrend: Sendable, Equatable {
    public enum Verdict: String, Sendable, Codable {
        case falls, rises, flat, constant
    }

    public static let absoluteTolerance = 0.5
    public static let relativeTolerance = 0.01
    public static let constantRange = 0.05

    public var verdict: Verdict
    /// The first checkpoint of the final phase, its value, and the last value.
    public var phaseStep: Int
    public var phaseStart: Double
    public var final: Double
    public var change: Double { final - phaseStart }

    /// The trend of `values` over `steps` (ascending, same length); nil with fewer than two
    /// checkpoints or a non-finite value.
    public init?(steps: [Int], values: [Double], isCount: Bool = true) {
        guard steps.count == values.count, steps.count >= 2, values.allSatisfy(\.isFinite), let last = steps.last else {
            return nil
        }
        let phase = steps.firstIndex { 10 * $0 >= last }!
        phaseStep = steps[phase]
        phaseStart = values[phase]
        final = values[values.count - 1]
        let tolerance = max(isCount ? Self.absoluteTolerance : 0, Self.relativeTolerance * abs(phaseStart))
        let change = final - phaseStart
        if isCount && values.max()! - values.min()! < Self.constantRange {
            verdict = .constant
        } else if change < -tolerance {
            verdict = .falls
        } else if change > tolerance {
            verdict = .rises
        } else {
            verdict = .flat
        }
    }
}
