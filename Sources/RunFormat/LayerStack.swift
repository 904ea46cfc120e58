import Vocabulary

/// The layers of a `cnn` run on its input shape, checked to chain: every layer's input is
/// what the layer before passes on. "Layer l" of the rest of the format (`/weights/<l>`,
/// `layer_sizes`, `activations`, the analysis) counts the dense and conv2d layers only.
///
/// The rules beyond matching sizes keep every analyzed pre-activation a composition the
/// Jacobian machinery takes exactly: the list starts (after any flatten) and ends with a
/// dense or conv2d layer, and at most one pooling layer sits between two of them.
public struct LayerStack: Sendable, Hashable {
    public let inputShape: FeatureShape
    public let layers: [NetworkLayer]
    /// `shapes[k]` is what `layers[k]` reads; `shapes[layers.count]` is the output.
    public let shapes: [FeatureShape]
    /// `layers[weightedPositions[l]]` is layer l, the l-th dense or conv2d layer.
    public let weightedPositions: [Int]

    public init(inputShape: FeatureShape, layers: [NetworkLayer]) throws(NetworkLayersError) {
        guard inputShape.channels > 0, inputShape.height > 0, inputShape.width > 0 else {
            throw NetworkLayersError(layer: nil, "input_shape \(inputShape) is not three positive extents (C, H, W)")
        }
        guard Self.isModest(inputShape.channels, inputShape.height, inputShape.width) else {
            throw NetworkLayersError(layer: nil, "input_shape \(inputShape) has more than 2^\(Self.largestCountLog2) values")
        }
        var shapes = [inputShape]
        var flat = false
        for (position, layer) in layers.enumerated() {
            try Self.checkPlacement(layer, at: position, in: layers)
            let output = try Self.output(of: layer, reading: shapes[position], flat: flat, at: position)
            guard Self.isModest(output.channels, output.height, output.width), Self.isModest(Self.parameterShape(layer)) else {
                throw NetworkLayersError(layer: position, kind: layer.kind, "has more than 2^\(Self.largestCountLog2) values or weights")
            }
            flat = layer.kind == .flatten || layer.kind == .dense
            shapes.append(output)
        }
        self.inputShape = inputShape
        self.layers = layers
        self.shapes = shapes
        weightedPositions = layers.indices.filter { layers[$0].kind.hasWeights }
    }

    /// The most values a shape, or weights a layer, may have (2^40): a bound under which no
    /// count the format's readers form overflows.
    static let largestCountLog2 = 40

    /// Whether the product of `extents` is at most 2^`largestCountLog2`, without overflowing.
    private static func isModest(_ extents: Int...) -> Bool { isModest(extents) }
    private static func isModest(_ extents: [Int]) -> Bool {
        var product = 1
        for extent in extents {
            let (next, overflow) = product.multipliedReportingOverflow(by: extent)
            guard !overflow, next <= 1 << largestCountLog2 else { return false }
            product = next
        }
        return true
    }

    /// A layer's weight shape, from its description alone (none for pooling and flatten).
    private static func parameterShape(_ layer: NetworkLayer) -> [Int] {
        switch layer {
        case .dense(let inFeatures, let outFeatures): [outFeatures, inFeatures]
        case .conv2d(let c): [c.outChannels, c.inChannels, c.kernel.height, c.kernel.width]
        default: []
        }
    }

    /// Where a layer may stand: see the type's comment.
    private static func checkPlacement(_ layer: NetworkLayer, at position: Int, in layers: [NetworkLayer]) throws(NetworkLayersError) {
        let before = layers[..<position], after = layers[(position + 1)...]
        if layer.kind.isPooling {
            guard before.contains(where: { $0.kind.hasWeights }) else {
                throw NetworkLayersError(layer: position, kind: layer.kind,
                                         "pooling before the first dense or conv2d layer is not supported")
            }
            if let previous = before.last(where: { $0.kind != .flatten }), previous.kind.isPooling {
                throw NetworkLayersError(layer: position, kind: layer.kind,
                                         "a second pooling layer in a row: at most one may sit between two dense or conv2d layers")
            }
        }
        if !layer.kind.hasWeights && !after.contains(where: { $0.kind.hasWeights }) {
            throw NetworkLayersError(layer: position, kind: layer.kind,
                                     "the last layer must be dense or conv2d: its pre-activation is the network's output")
        }
    }

    /// What `layer` passes on when it reads `input` (`flat`: after a flatten or dense layer).
    private static func output(of layer: NetworkLayer, reading input: FeatureShape, flat: Bool,
                               at position: Int) throws(NetworkLayersError) -> FeatureShape {
        func problem(_ message: String) -> NetworkLayersError { NetworkLayersError(layer: position, kind: layer.kind, message) }
        switch layer {
        case .flatten:
            return FeatureShape(channels: input.count, height: 1, width: 1)
        case .dense(let inFeatures, let outFeatures):
            guard flat else { throw problem("needs a flat input, but reads \(input): put a flatten layer before it") }
            guard inFeatures == input.count else { throw problem("in_features is \(inFeatures), but its input has \(input.count) values") }
            return FeatureShape(channels: outFeatures, height: 1, width: 1)
        case .conv2d(let c):
            guard !flat else { throw problem("needs a (C, H, W) input, but follows a flatten or dense layer") }
            guard c.inChannels == input.channels else {
                throw problem("in_channels is \(c.inChannels), but its input \(input) has \(input.channels) channels")
            }
            guard let height = NetworkLayer.outputExtent(input: input.height, window: c.kernel.height, stride: c.stride.height, padding: c.padding.height),
                  let width = NetworkLayer.outputExtent(input: input.width, window: c.kernel.width, stride: c.stride.width, padding: c.padding.width)
            else { throw problem("kernel_size \(c.kernel) does not fit its input \(input) with padding \(c.padding)") }
            return FeatureShape(channels: c.outChannels, height: height, width: width)
        case .maxPool(let p), .averagePool(let p):
            guard !flat else { throw problem("needs a (C, H, W) input, but follows a flatten or dense layer") }
            guard let height = NetworkLayer.outputExtent(input: input.height, window: p.window.height, stride: p.stride.height),
                  let width = NetworkLayer.outputExtent(input: input.width, window: p.window.width, stride: p.stride.width)
            else { throw problem("window \(p.window) does not fit its input \(input)") }
            return FeatureShape(channels: input.channels, height: height, width: width)
        }
    }

    /// L, the number of dense and conv2d layers.
    public var weightedLayerCount: Int { weightedPositions.count }

    /// `/model@layer_sizes`: n_0 = C·H·W, then each dense or conv2d layer's pre-activation size.
    public var layerSizes: [Int] { [inputShape.count] + weightedPositions.map { shapes[$0 + 1].count } }

    /// Layer l itself.
    public func layer(_ l: Int) -> NetworkLayer { layers[weightedPositions[l]] }
    /// The shape layer l reads (after the pooling and flattening before it).
    public func inputShape(layer l: Int) -> FeatureShape { shapes[weightedPositions[l]] }
    /// The shape of layer l's pre-activation.
    public func outputShape(layer l: Int) -> FeatureShape { shapes[weightedPositions[l] + 1] }

    /// The pooling layer between layers l − 1 and l, if any (never before layer 0).
    public func inputPooling(layer l: Int) -> NetworkLayer? {
        guard l > 0 else { return nil }
        return layers[(weightedPositions[l - 1] + 1)..<weightedPositions[l]].first { $0.kind.isPooling }
    }

    /// The shape layer l's pooling reads: layer l − 1's pre-activation shape.
    public func pooledShape(layer l: Int) -> FeatureShape { outputShape(layer: l - 1) }

    /// `/weights/<l>/weight` per checkpoint: `[out, in]` (dense) or `[out, in, kernel_h, kernel_w]` (conv2d, OIHW).
    public func weightShape(layer l: Int) -> [Int] { Self.parameterShape(layer(l)) }

    /// `/weights/<l>/bias` per checkpoint: one per output unit (dense) or per output channel (conv2d).
    public func biasWidth(layer l: Int) -> Int { outputShape(layer: l).channels }
}
