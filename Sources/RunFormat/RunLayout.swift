import Foundation
import Vocabulary

/// Every path and attribute name of run format v1, in one place. The writer, the
/// reader, the validator, the schema files in `schemas/` and the tests all take their
/// names from here.
public enum RunLayout {
    public static let format = "local-rank-run"
    public static let formatVersion: Int64 = 1

    public enum RootAttribute {
        public static let format = "format"
        public static let formatVersion = "format_version"
        public static let producer = "producer"
        public static let created = "created"
        public static let hdf5Version = "hdf5_version"
    }

    public static let model = "/model"
    public enum ModelAttribute {
        public static let architecture = "architecture"
        public static let layerSizes = "layer_sizes"
        public static let activations = "activations"
        public static let weightLayout = "weight_layout"
        // DVIB runs (format v1, architecture "dvib").
        public static let bottleneckLayer = "bottleneck_layer"
        public static let bottleneckDimensions = "bottleneck_dim"
        public static let beta = "beta"
        // Runs of architecture "cnn": the layer list (JSON, `LayerStack`) and (C, H, W).
        public static let layers = "layers"
        public static let inputShape = "input_shape"
    }
    /// The keys of a layer object in `/model@layers`.
    public enum LayerKey {
        public static let kind = "kind"
        public static let inFeatures = "in_features", outFeatures = "out_features"
        public static let inChannels = "in_channels", outChannels = "out_channels"
        public static let kernelSize = "kernel_size", stride = "stride", padding = "padding"
        public static let window = "window"

        /// The keys a layer of `kind` has besides `kind`: all of them required.
        public static func keys(of kind: LayerKind) -> [String] {
            switch kind {
            case .dense: [inFeatures, outFeatures]
            case .conv2d: [inChannels, outChannels, kernelSize, stride, padding]
            case .maxPool, .averagePool: [window, stride]
            case .flatten: []
            }
        }
    }
    public static let weightLayoutOutIn = "out_in"

    public static let data = "/data"
    public enum DataAttribute {
        public static let name = "name"
        public static let task = "task"
        public static let seed = "seed"
        public static let trainCount = "n_train"
        public static let testCount = "n_test"
        public static let source = "source"
        public static let probeSource = "probe_source"
        public static let inputMean = "input_mean"
        public static let inputStandardDeviation = "input_std"
    }
    public static let jointCovariance = "/data/joint_covariance"

    public static let probeInputs = "/probe/x"
    public static let probeTargets = "/probe/y"

    public static let checkpoints = "/checkpoints"
    /// The commit record: the number of checkpoints is this dataset's length, but for a last
    /// row that a failed write left unfinished (`committedCheckpoints`). Other `[C, …]`
    /// datasets may hold one more row while a checkpoint is being written.
    public static let steps = "/checkpoints/step"
    /// What a step row never written reads as: writers set it as the commit record's fill value.
    public static let unwrittenStep: Int64 = -1

    /// The checkpoints committed by a commit record of `count` rows ending in `lastSteps` (its
    /// last two values, or fewer): all of them, but a last row that a failed write left
    /// unfinished. HDF5 2.x can make the record's new extent reach the disk and not its
    /// value: that row reads as the fill value (`unwrittenStep`; 0 for writers that set none,
    /// which then does not follow the step before).
    public static func committedCheckpoints(count: Int, lastSteps: [Int64]) -> Int {
        guard count > 0, let last = lastSteps.last else { return count }
        let unfinished = last < 0 || (lastSteps.count >= 2 && last <= lastSteps[lastSteps.count - 2])
        return unfinished ? count - 1 : count
    }
    public static let epochs = "/checkpoints/epoch"
    public static let wallTimes = "/checkpoints/wall_time"
    /// Datasets under `/checkpoints` that are bookkeeping rather than metrics.
    public static let checkpointBookkeeping: Set<String> = ["step", "epoch", "wall_time"]
    public static func metric(_ name: String) -> String { "\(checkpoints)/\(name)" }

    /// Per-layer paths hold this placeholder in their templates (and in the schema).
    public static let layerPlaceholder = "<l>"
    public static let weights = "/weights"
    public static let weightTemplate = "/weights/<l>/weight"
    public static let biasTemplate = "/weights/<l>/bias"
    public static func weight(layer: Int) -> String { forLayer(weightTemplate, layer) }
    public static func bias(layer: Int) -> String { forLayer(biasTemplate, layer) }

    public static let activations = "/activations"
    public static let activationsTemplate = "/activations/<l>"
    public static func activations(layer: Int) -> String { forLayer(activationsTemplate, layer) }

    /// A per-layer template with layer l's index in place of the placeholder.
    public static func forLayer(_ template: String, _ layer: Int) -> String {
        template.replacingOccurrences(of: layerPlaceholder, with: String(layer))
    }

    /// `object@name`, the notation the schema and messages use for an attribute.
    public static func attribute(_ name: String, of object: String) -> String { "\(object)@\(name)" }

    /// What `lr-train --resume` needs beyond the weights: the training configuration as
    /// attributes, and the optimizer state of the last two checkpoints in two slots.
    public static let training = "/training"
    public static let optimizerSlotSteps = "/training/optimizer/slot_step"
    public static let optimizerSlotUpdates = "/training/optimizer/slot_update_count"
    public static let optimizerFirstMoment = "/training/optimizer/first_moment"
    public static let optimizerSecondMoment = "/training/optimizer/second_moment"
    /// Every trainable parameter at the slot's step, including any that `/weights` does
    /// not hold (a DVIB decoder's precision factor).
    public static let optimizerParameters = "/training/optimizer/parameters"

    /// Compression of every `[C, …]` dataset: one checkpoint per chunk, shuffle, deflate and
    /// a Fletcher-32 checksum, so that a damaged chunk fails to read.
    public static let deflateLevel = 4
}
