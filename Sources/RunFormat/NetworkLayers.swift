import Vocabulary

/// Channels, height and width: the shape of what a layer of a `cnn` run reads or passes on.
/// A flat vector of n values (after `flatten`, or a dense layer's output) is (n, 1, 1).
public struct FeatureShape: Sendable, Hashable, CustomStringConvertible {
    public var channels: Int
    public var height: Int
    public var width: Int

    public init(channels: Int, height: Int, width: Int) {
        self.channels = channels
        self.height = height
        self.width = width
    }

    /// C·H·W: how many values, flattened in C-H-W order (channel slowest, width fastest).
    public var count: Int { channels * height * width }
    /// The index of value (c, i, j) in C-H-W order.
    @inlinable public func index(channel c: Int, row i: Int, column j: Int) -> Int { (c * height + i) * width + j }

    public var description: String { "(\(channels), \(height), \(width))" }
}

/// A height and a width: a kernel, window, stride or padding.
public struct Extent2D: Sendable, Hashable, CustomStringConvertible {
    public var height: Int
    public var width: Int

    public init(_ height: Int, _ width: Int) {
        self.height = height
        self.width = width
    }

    public var description: String { "[\(height), \(width)]" }
}

/// One layer of a `cnn` run, as an entry of `/model@layers` describes it.
public enum NetworkLayer: Sendable, Hashable {
    /// z = W·a + b, W `[outFeatures, inFeatures]`; its input must be flat.
    case dense(inFeatures: Int, outFeatures: Int)
    /// z[o, i, j] = b[o] + Σ_{c,u,v} W[o, c, u, v]·a[c, s_h·i + u − p_h, s_w·j + v − p_w], with a
    /// zero outside the input (PyTorch's `Conv2d`, weights OIHW).
    case conv2d(Convolution)
    /// The largest (or the mean) of each window, channel by channel, windows at multiples of the stride, no padding.
    case maxPool(Pooling)
    case averagePool(Pooling)
    /// A change of shape only: (C, H, W) becomes C·H·W values in C-H-W order.
    case flatten

    public struct Convolution: Sendable, Hashable {
        public var inChannels: Int
        public var outChannels: Int
        public var kernel: Extent2D
        public var stride: Extent2D
        public var padding: Extent2D

        public init(inChannels: Int, outChannels: Int, kernel: Extent2D, stride: Extent2D, padding: Extent2D) {
            self.inChannels = inChannels
            self.outChannels = outChannels
            self.kernel = kernel
            self.stride = stride
            self.padding = padding
        }
    }

    public struct Pooling: Sendable, Hashable {
        public var window: Extent2D
        public var stride: Extent2D

        public init(window: Extent2D, stride: Extent2D) {
            self.window = window
            self.stride = stride
        }
    }

    public var kind: LayerKind {
        switch self {
        case .dense: .dense
        case .conv2d: .conv2d
        case .maxPool: .maxPool
        case .averagePool: .averagePool
        case .flatten: .flatten
        }
    }

    /// The pooling of a pooling layer.
    public var pooling: Pooling? {
        switch self {
        case .maxPool(let pooling), .averagePool(let pooling): pooling
        default: nil
        }
    }

    /// The positions along one axis of `input` values that a window of `window` values moved
    /// by `stride`, over `padding` zeros on each side, fits: nil when none fits.
    static func outputExtent(input: Int, window: Int, stride: Int, padding: Int = 0) -> Int? {
        let span = input + 2 * padding - window
        return span < 0 ? nil : span / stride + 1
    }
}

/// A problem with `/model@layers` or `/model@input_shape`: which layer (its position in the
/// list) and what is wrong, so that a message can name both.
public struct NetworkLayersError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The layer's position in `/model@layers`; nil for the list as a whole.
    public var layer: Int?
    /// The layer's kind when it has a known one.
    public var kind: LayerKind?
    public var message: String

    public init(layer: Int?, kind: LayerKind? = nil, _ message: String) {
        self.layer = layer
        self.kind = kind
        self.message = message
    }

    public var description: String {
        guard let layer else { return message }
        return "layer \(layer)\(kind.map { " (\($0.rawValue))" } ?? ""): \(message)"
    }
}
