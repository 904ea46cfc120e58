/// The singular values of one layer's Jacobian at each of `count` inputs, every spectrum
/// `length` long (descending, zero-padded), stored as one contiguous `count × length` block:
/// the layout of the cache's `/spectra/<l>`, so that reading, writing and re-thresholding a
/// run move whole blocks instead of one small array per input.
public struct LayerSpectra: RandomAccessCollection, Sendable, Equatable {
    /// Values per input.
    public let length: Int
    /// Inputs.
    public let count: Int
    /// Row-major `count × length`: input i's spectrum is `values[i·length ..< (i+1)·length]`.
    public let values: [Double]

    public init(length: Int, count: Int, values: [Double]) {
        precondition(length >= 0 && count >= 0 && values.count == length * count,
                     "\(values.count) values for \(count) spectra of length \(length)")
        self.length = length
        self.count = count
        self.values = values
    }

    /// The same spectrum at every input.
    public init(repeating spectrum: [Double], count: Int) {
        var values = [Double]()
        values.reserveCapacity(spectrum.count * count)
        for _ in 0..<count { values += spectrum }
        self.init(length: spectrum.count, count: count, values: values)
    }

    /// Spectra given one array per input, each padded with zeros (or cut) to `length`.
    public init(length: Int, spectra: [[Double]]) {
        var values = [Double](repeating: 0, count: length * spectra.count)
        for (input, spectrum) in spectra.enumerated() {
            for (k, value) in spectrum.prefix(length).enumerated() { values[input * length + k] = value }
        }
        self.init(length: length, count: spectra.count, values: values)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    /// Input i's spectrum.
    public subscript(input: Int) -> [Double] { Array(spectrum(input)) }

    func spectrum(_ input: Int) -> ArraySlice<Double> {
        values[(input * length)..<((input + 1) * length)]
    }

    /// The spectra of the first `inputs` inputs.
    public func prefix(inputs: Int) -> LayerSpectra {
        inputs >= count ? self : LayerSpectra(length: length, count: inputs, values: Array(values.prefix(inputs * length)))
    }

    /// `measure` of every input's spectrum at threshold `epsilon`.
    public func measured(_ measure: RankMeasure, epsilon: Double) -> [Double] {
        (0..<count).map { measure.value(of: spectrum($0), epsilon: epsilon) }
    }
}
