import RealModule
/// True when the x values are better shown on a logarithmic axis: their positive values
/// (at least three distinct ones) span at least two decades and are spread more evenly in
/// log10 than linearly, i.e. the gaps between consecutive sorted log10 values vary less
/// (relative to their mean) than the gaps between the values themselves. Rounded log
/// schedules such as 1, 2, 3, 4, 6, 8, 11, … count as log-spaced.
///
/// Zero and negative values are ignored here (a checkpoint at step 0 is normal); a log x
/// axis in `LineChart` draws x = 0 at a separate "0" tick at the left edge.
public func prefersLogarithmicAxis(_ x: [Double]) -> Bool {
    var positives = Array(Set(x.filter { $0 > 0 && $0.isFinite })).sorted()
    guard positives.count >= 3 else { return false }
    positives = positives.sorted()
    guard Double.log10(positives.last!) - Double.log10(positives.first!) >= 2 - 1e-9 else { return false }
    let logs = positives.map { Double.log10($0) }
    func variation(_ values: [Double]) -> Double {
        let gaps = zip(values.dropFirst(), values).map { $0 - $1 }
        let mean = gaps.reduce(0, +) / Double(gaps.count)
        guard mean > 0 else { return .infinity }
        let variance = gaps.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(gaps.count)
        return variance.squareRoot() / mean
    }
    return variation(logs) < variation(positives)
}
