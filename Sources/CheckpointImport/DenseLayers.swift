/// One dense (fully connected) layer at one checkpoint, in the run format's layout.
public struct DenseLayer: Sendable, Equatable {
    /// The layer's name in its file: a Keras group path or layer name, or a PyTorch module prefix.
    public var name: String
    public var inputs: Int
    public var outputs: Int
    /// `W`, `outputs × inputs`, row-major (`[out, in]` like PyTorch's `Linear`).
    public var weight: [Float]
    /// `b`, `outputs` values (zeros for a layer stored without a bias).
    public var bias: [Float]

    public init(name: String, inputs: Int, outputs: Int, weight: [Float], bias: [Float]) {
        precondition(weight.count == inputs * outputs && bias.count == outputs)
        self.name = name
        self.inputs = inputs
        self.outputs = outputs
        self.weight = weight
        self.bias = bias
    }

    /// A layer from a Keras kernel, stored `[in, out]` row-major: transposed to `[out, in]`.
    init(name: String, kernelInOut kernel: [Float], inputs: Int, outputs: Int, bias: [Float]?) {
        var weight = [Float](repeating: 0, count: inputs * outputs)
        for i in 0..<inputs {
            for o in 0..<outputs { weight[o * inputs + i] = kernel[i * outputs + o] }
        }
        self.init(name: name, inputs: inputs, outputs: outputs, weight: weight,
                  bias: bias ?? [Float](repeating: 0, count: outputs))
    }

    /// `[out, in]`, for messages.
    public var shapeDescription: String { "[\(outputs), \(inputs)]" }
}

/// What one checkpoint file holds for the run: its dense layers in order, and their
/// activations when the file records them.
public struct CheckpointLayers: Sendable {
    public var layers: [DenseLayer]
    /// Activation names after each layer, from the file (legacy Keras `.h5`), or `nil`.
    public var activations: [String]?

    public init(layers: [DenseLayer], activations: [String]?) {
        self.layers = layers
        self.activations = activations
    }

    /// Throws unless every layer's output width is the next layer's input width.
    /// `orderRule` says how the order was chosen, for the message.
    public func requireChaining(file: String, orderRule: String) throws {
        guard !layers.isEmpty else { throw CheckpointImportError(.unsupported, file: file, problem: "holds no dense layers") }
        for (layer, next) in zip(layers, layers.dropFirst()) where layer.outputs != next.inputs {
            throw CheckpointImportError(
                .mismatch, file: file,
                problem: "the layer shapes do not chain: \"\(layer.name)\" is \(layer.shapeDescription) (\(layer.outputs) outputs) but the next layer, \"\(next.name)\", is \(next.shapeDescription) (\(next.inputs) inputs); layers in \(orderRule): \(layers.map(\.name).joined(separator: ", "))", remedy: .chooseLayers)
        }
    }
}

/// Orders names the way people number things: runs of digits compare as numbers
/// (`fc2` before `fc10`, `dense_2` before `dense_10`), everything else byte by byte;
/// dotted names compare component by component (`net.2` before `net.10`).
public enum NaturalOrder {
    public static func areInIncreasingOrder(_ a: String, _ b: String) -> Bool {
        let left = a.split(separator: ".", omittingEmptySubsequences: false)
        let right = b.split(separator: ".", omittingEmptySubsequences: false)
        for (x, y) in zip(left, right) where x != y {
            return componentLess(Substring(x), Substring(y))
        }
        return left.count < right.count
    }

    private static func componentLess(_ a: Substring, _ b: Substring) -> Bool {
        let x = runs(a), y = runs(b)
        for (p, q) in zip(x, y) where p != q {
            switch (p, q) {
            case (.number(let m, let s), .number(let n, let t)):
                if m.count != n.count { return m.count < n.count }  // without leading zeros: longer is larger
                if m != n { return m < n }
                return s < t  // equal values: fewer leading zeros first
            case (.number, .text): return true
            case (.text, .number): return false
            case (.text(let s), .text(let t)): return s.utf8.lexicographicallyPrecedes(t.utf8)
            }
        }
        return x.count < y.count
    }

    private enum Run: Equatable {
        /// Digits without leading zeros, and the original spelling.
        case number(String, String)
        case text(String)
    }

    private static func runs(_ text: Substring) -> [Run] {
        var result = [Run]()
        var current = ""
        var inDigits = false
        func flush() {
            guard !current.isEmpty else { return }
            if inDigits {
                let trimmed = String(current.drop { $0 == "0" })
                result.append(.number(trimmed, current))
            } else {
                result.append(.text(current))
            }
            current = ""
        }
        for character in text {
            let digit = character.isASCII && character.isNumber
            if digit != inDigits { flush(); inDigits = digit }
            current.append(character)
        }
        flush()
        return result
    }
}
