import LinearAlgebra
import RealModule

/// The binning estimator (Shwartz-Ziv and Tishby, 2017), exactly as `lr-analyze
/// information --estimator binning` documents it.
///
/// With K bins over [lo, hi] (the layer's smallest and largest value over all inputs and
/// units, unless a range is given), value v goes to bin ⌊(v − lo)/(hi − lo)·K⌋, computed in
/// that order in float64; the maximum lands in bin K, which joins bin K − 1, and values
/// outside a given range join the end bins. When hi = lo every value is in bin 0. Input
/// i's symbol is its vector of bins; with X uniform over the N inputs, T = symbol(X) is a
/// function of X, so I(X;T) = H(T) = −Σ_t p(t) log₂ p(t) with p(t) the fraction of inputs
/// whose symbol is t, and I(T;Y) = H(T) − Σ_y p(y) H(T | Y = y), each H(T | Y = y) the same
/// sum over the inputs of class y.
enum BinnedInformation {
    static func estimate(_ t: Matrix<Double>, labels: ClassLabels?, bins: Int, range: ClosedRange<Double>?) -> InformationEstimate {
        let binned = binIndices(t.elements, bins: bins, range: range)
        let symbols = symbolIndices(binned, rows: t.rows, columns: t.columns, bins: bins)
        let all = entropy(ofSymbols: symbols.ids, count: symbols.count)
        let label = labels.map { labels in
            all - labels.members.reduce(0.0) { sum, inputs in
                let p = Double(inputs.count) / Double(t.rows)
                return sum + p * entropy(ofSymbols: inputs.map { symbols.ids[$0] }, count: symbols.count)
            }
        }
        return InformationEstimate(inputInformation: all, labelInformation: label, inputs: t.rows)
    }

    /// Each value's bin, 0 ..< `bins`.
    static func binIndices(_ values: [Double], bins: Int, range: ClosedRange<Double>?) -> [Int32] {
        guard let low = range?.lowerBound ?? values.min(), let high = range?.upperBound ?? values.max() else { return [] }
        guard high > low else { return [Int32](repeating: 0, count: values.count) }
        let width = high - low, count = Double(bins), last = Int32(bins - 1)
        return [Int32](unsafeUninitializedCapacity: values.count) { binned, initialized in
            values.withUnsafeBufferPointer { values in
                for i in values.indices {
                    let bin = ((values[i] - low) / width * count).rounded(.down)
                    binned[i] = bin <= 0 ? 0 : bin >= count ? last : Int32(bin)
                }
            }
            initialized = values.count
        }
    }

    /// A dense index per row of the `rows × columns` bins (each in 0 ..< `bins`), equal rows
    /// sharing one, numbered in the rows' lexicographic order; and how many distinct rows
    /// there are. The order fixes the order of `entropy`'s sum, hence its last bits.
    static func symbolIndices(_ binned: [Int32], rows: Int, columns: Int, bins: Int) -> (ids: [Int], count: Int) {
        guard rows > 0 else { return ([], 0) }
        let bits = max(1, UInt64.bitWidth - UInt64(bins - 1).leadingZeroBitCount)
        if columns * bits <= UInt64.bitWidth { return packedSymbolIndices(binned, rows: rows, columns: columns, bits: bits) }
        return comparedSymbolIndices(binned, rows: rows, columns: columns)
    }

    /// `symbolIndices` with each row packed into one word, its first column in the highest
    /// `bits` bits: the words sort as the rows do, and a sort of words is several times
    /// faster than one that compares rows column by column. Where the bits leave room, the
    /// row's number goes into the lowest bits, and the sort moves single words.
    static func packedSymbolIndices(_ binned: [Int32], rows: Int, columns: Int, bits: Int) -> (ids: [Int], count: Int) {
        let rowBits = UInt64.bitWidth - UInt64(rows - 1).leadingZeroBitCount
        let rowInKey = columns * bits + rowBits <= UInt64.bitWidth
        var keys = [UInt64](repeating: 0, count: rows)
        binned.withUnsafeBufferPointer { binned in
            for row in 0..<rows {
                var key: UInt64 = 0
                for k in 0..<columns { key = key << UInt64(bits) | UInt64(binned[row * columns + k]) }
                keys[row] = rowInKey ? key << UInt64(rowBits) | UInt64(row) : key
            }
        }
        var order: [(key: UInt64, row: Int)]
        if rowInKey {
            keys.sort()
            let rowMask = UInt64(1) << UInt64(rowBits) &- 1
            order = keys.map { ($0 >> UInt64(rowBits), Int($0 & rowMask)) }
        } else {
            order = keys.enumerated().map { ($1, $0) }
            order.sort { $0.key < $1.key }
        }
        var ids = [Int](repeating: 0, count: rows)
        var symbol = 0
        for position in order.indices {
            if position > 0 && order[position - 1].key != order[position].key { symbol += 1 }
            ids[order[position].row] = symbol
        }
        return (ids, symbol + 1)
    }

    /// `symbolIndices` for rows too long to pack into a word: a sort that compares them.
    static func comparedSymbolIndices(_ bins: [Int32], rows: Int, columns: Int) -> (ids: [Int], count: Int) {
        func compare(_ a: Int, _ b: Int) -> Int {
            for k in 0..<columns {
                let x = bins[a * columns + k], y = bins[b * columns + k]
                if x != y { return x < y ? -1 : 1 }
            }
            return 0
        }
        let order = (0..<rows).sorted { compare($0, $1) < 0 }
        var ids = [Int](repeating: 0, count: rows)
        var symbol = 0
        for (position, row) in order.enumerated() {
            if position > 0 && compare(order[position - 1], row) != 0 { symbol += 1 }
            ids[row] = symbol
        }
        return (ids, symbol + 1)
    }

    /// H in bits of the distribution of `ids` (values 0 ..< `count`), each occurrence equally likely.
    static func entropy(ofSymbols ids: [Int], count: Int) -> Double {
        guard !ids.isEmpty else { return 0 }
        var counts = [Int](repeating: 0, count: count)
        for id in ids { counts[id] += 1 }
        let total = Double(ids.count)
        var h = 0.0
        for c in counts where c > 0 {
            let p = Double(c) / total
            h -= p * Double.log2(p)
        }
        return h
    }
}
