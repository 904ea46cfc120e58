import RealModule
/// When to write a checkpoint, as the training step (updates completed). Step 0 (the
/// initialization) and the last step are always included.
public enum CheckpointSchedule: Equatable, Sendable, CustomStringConvertible {
    /// Every N steps.
    case every(Int)
    /// K steps spaced evenly on a log axis between 1 and the last step (fewer when
    /// rounding makes early ones coincide), the spacing the paper's figures need.
    case logarithmic(Int)
    /// These steps.
    case steps([Int])
    /// Only the initialization and the last step.
    case endpoints

    /// Parses `every:N`, `log:K`, `none`, or a comma-separated list of steps.
    public init?(parsing text: String) {
        if text == "none" { self = .endpoints; return }
        if text.hasPrefix("every:"), let n = Int(text.dropFirst(6)), n > 0 { self = .every(n); return }
        if text.hasPrefix("log:"), let k = Int(text.dropFirst(4)), k > 0 { self = .logarithmic(k); return }
        let parts = text.split(separator: ",").map { Int($0.trimmingCharacters(in: " ")) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil && $0! >= 0 }) else { return nil }
        self = .steps(parts.map { $0! })
    }

    public var description: String {
        switch self {
        case .every(let n): return "every:\(n)"
        case .logarithmic(let k): return "log:\(k)"
        case .steps(let list): return list.map(String.init).joined(separator: ",")
        case .endpoints: return "none"
        }
    }

    /// The sorted checkpoint steps of a run of `totalSteps` steps.
    public func steps(totalSteps: Int) -> [Int] {
        var chosen: Set<Int> = [0, totalSteps]
        switch self {
        case .every(let n): chosen.formUnion(stride(from: 0, through: totalSteps, by: n))
        case .logarithmic(let k) where totalSteps > 0:
            let top = Double.log(Double(totalSteps))
            for i in 0..<k {
                let fraction = k == 1 ? 1 : Double(i) / Double(k - 1)
                chosen.insert(Int(Double.exp(fraction * top).rounded()))
            }
        case .steps(let list): chosen.formUnion(list.filter { $0 <= totalSteps })
        default: break
        }
        return chosen.sorted()
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Character) -> Substring {
        var s = self
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return s
    }
}
