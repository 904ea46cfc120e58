import RunFormat
import Testing
import Vocabulary

/// `/model@layers`: the layer vocabulary read from JSON, its shapes, and the one-line
/// problems a list that does not chain gets.
@Suite struct LayerStackTests {
    /// 1×28×28 → conv 16 (3×3, padding 1) → max-pool 2 → conv 32 (3×3, padding 1) → max-pool 2 → flatten → dense 64 → dense 10.
    static let fashionCNN = """
        [{"kind": "conv2d", "in_channels": 1, "out_channels": 16, "kernel_size": 3, "stride": 1, "padding": 1},
         {"kind": "max-pool", "window": [2, 2], "stride": [2, 2]},
         {"kind": "conv2d", "in_channels": 16, "out_channels": 32, "kernel_size": [3, 3], "stride": [1, 1], "padding": [1, 1]},
         {"kind": "max-pool", "window": 2, "stride": 2},
         {"kind": "flatten"},
         {"kind": "dense", "in_features": 1568, "out_features": 64},
         {"kind": "dense", "in_features": 64, "out_features": 10}]
        """

    @Test func shapesOfAConvolutionalNetwork() throws {
        let stack = try LayerStack(json: Self.fashionCNN, inputShape: [1, 28, 28])
        #expect(stack.layerSizes == [784, 16 * 28 * 28, 32 * 14 * 14, 64, 10])
        #expect(stack.weightedLayerCount == 4)
        #expect(stack.weightShape(layer: 0) == [16, 1, 3, 3] && stack.biasWidth(layer: 0) == 16)
        #expect(stack.weightShape(layer: 2) == [64, 1568] && stack.biasWidth(layer: 2) == 64)
        #expect(stack.inputShape(layer: 1) == FeatureShape(channels: 16, height: 14, width: 14))
        #expect(stack.inputPooling(layer: 1)?.kind == .maxPool && stack.inputPooling(layer: 3) == nil)
        #expect(stack.inputPooling(layer: 2)?.kind == .maxPool && stack.pooledShape(layer: 2).count == 32 * 14 * 14)
    }

    @Test func jsonRoundTrip() throws {
        let stack = try LayerStack(json: Self.fashionCNN, inputShape: [1, 28, 28])
        #expect(try LayerStack(json: stack.json, inputShape: [1, 28, 28]) == stack)
    }

    @Test("stride 2 and no padding: (H + 2p − k) / s + 1, rounded down")
    func strides() throws {
        let json = """
            [{"kind": "conv2d", "in_channels": 2, "out_channels": 3, "kernel_size": [3, 2], "stride": 2, "padding": [0, 1]},
             {"kind": "average-pool", "window": 2, "stride": 1}, {"kind": "flatten"},
             {"kind": "dense", "in_features": 18, "out_features": 2}]
            """
        let stack = try LayerStack(json: json, inputShape: [2, 8, 7])
        #expect(stack.outputShape(layer: 0) == FeatureShape(channels: 3, height: 3, width: 4))
        #expect(stack.layerSizes == [112, 36, 2])
    }

    static let problems: [(json: String, problem: String)] = [
        (#"[{"kind": "conv3d"}]"#, "layer 0: unknown kind \"conv3d\" (expected dense, conv2d, max-pool, average-pool or flatten)"),
        (#"[{"kind": "conv2d", "in_channels": 1, "out_channels": 2, "stride": 1, "padding": 0}]"#,
         "layer 0 (conv2d): missing \"kernel_size\""),
        (#"[{"kind": "conv2d", "in_channels": 3, "out_channels": 2, "kernel_size": 3, "stride": 1, "padding": 0}]"#,
         "layer 0 (conv2d): in_channels is 3, but its input (1, 5, 5) has 1 channels"),
        (#"[{"kind": "conv2d", "in_channels": 1, "out_channels": 2, "kernel_size": 7, "stride": 1, "padding": 0}]"#,
         "layer 0 (conv2d): kernel_size [7, 7] does not fit its input (1, 5, 5) with padding [0, 0]"),
        (#"[{"kind": "conv2d", "in_channels": 1, "out_channels": 2, "kernel_size": 3, "stride": 0, "padding": 0}]"#,
         "layer 0 (conv2d): \"stride\" is [0, 0], expected positive integers"),
        (#"[{"kind": "conv2d", "in_channels": 1, "out_channels": 2, "kernel_size": 3, "stride": 1, "padding": 0, "dilation": 2}]"#,
         "layer 0 (conv2d): unknown key \"dilation\""),
        (#"[{"kind": "flatten"}, {"kind": "dense", "in_features": 24, "out_features": 2}]"#,
         "layer 1 (dense): in_features is 24, but its input has 25 values"),
        (#"[{"kind": "dense", "in_features": 25, "out_features": 2}]"#,
         "layer 0 (dense): needs a flat input, but reads (1, 5, 5): put a flatten layer before it"),
        (#"[{"kind": "max-pool", "window": 2, "stride": 2}, {"kind": "flatten"}, {"kind": "dense", "in_features": 4, "out_features": 2}]"#,
         "layer 0 (max-pool): pooling before the first dense or conv2d layer is not supported"),
        (#"[{"kind": "flatten"}, {"kind": "dense", "in_features": 25, "out_features": 2}, {"kind": "flatten"}]"#,
         "layer 2 (flatten): the last layer must be dense or conv2d: its pre-activation is the network's output"),
        (#"[{"kind": "flatten"}]"#, "holds no dense or conv2d layer"),
        (#"{"kind": "flatten"}"#, "is not a JSON array of layer objects"),
        (#"[3]"#, "layer 0: is not a JSON object"),
    ]

    @Test("a list that does not chain is refused with the layer and the problem", arguments: problems)
    func refused(json: String, problem: String) {
        #expect(throws: NetworkLayersError.self) { try LayerStack(json: json, inputShape: [1, 5, 5]) }
        do {
            _ = try LayerStack(json: json, inputShape: [1, 5, 5])
        } catch {
            #expect(error.description == problem)
        }
    }

    @Test("counts that would overflow are refused before anything is allocated")
    func hugeShapes() {
        #expect(throws: NetworkLayersError(layer: nil, "input_shape (1, 8388608, 8388608) has more than 2^40 values")) {
            try LayerStack(json: #"[{"kind": "flatten"}, {"kind": "dense", "in_features": 1, "out_features": 1}]"#,
                           inputShape: [1, 1 << 23, 1 << 23])
        }
        let wide = #"[{"kind": "conv2d", "in_channels": 1, "out_channels": 1048576, "kernel_size": 1, "stride": 1, "padding": 0}]"#
        #expect(throws: NetworkLayersError(layer: 0, kind: .conv2d, "has more than 2^40 values or weights")) {
            try LayerStack(json: wide, inputShape: [1, 4096, 4096])
        }
    }

    @Test func twoPoolingLayersInARowAreRefused() {
        let json = """
            [{"kind": "conv2d", "in_channels": 1, "out_channels": 2, "kernel_size": 1, "stride": 1, "padding": 0},
             {"kind": "max-pool", "window": 2, "stride": 1}, {"kind": "average-pool", "window": 2, "stride": 1},
             {"kind": "flatten"}, {"kind": "dense", "in_features": 18, "out_features": 2}]
            """
        #expect(throws: NetworkLayersError(layer: 2, kind: .averagePool,
                                           "a second pooling layer in a row: at most one may sit between two dense or conv2d layers")) {
            try LayerStack(json: json, inputShape: [1, 5, 5])
        }
    }
}
