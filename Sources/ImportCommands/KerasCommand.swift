import ArgumentParser
import CheckpointImport

/// `lr-import keras`: Keras 3 `.weights.h5` checkpoints and legacy `.h5` files.
struct KerasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keras",
        abstract: "Import Keras HDF5 checkpoints: Keras 3 .weights.h5 (ModelCheckpoint(save_weights_only=True)) or legacy .h5 models and weights.",
        discussion: """
            Dense kernels are stored [in, out] and transposed to [out, in]. Keras 3 \
            .weights.h5 files store no activations: give --activations. Legacy .h5 models \
            record theirs in model_config.

            Examples:
              lr-import keras 'ckpt/epoch-*.weights.h5' --activations relu --probe probe.npy --out run.h5
              lr-import keras 'ckpt/epoch-*.h5' --probe probe.npy --targets labels.npy --out run.h5
            """)

    @Argument(help: ArgumentHelp("Checkpoint files or quoted glob patterns (expanded by lr-import).", valueName: "pattern"))
    var patterns: [String]

    @OptionGroup var options: ImportOptions

    func run() throws {
        let selection = options.layers
        // The format of the first file names the import; each file is read in its own layout.
        var format = "Keras HDF5"
        var order = KerasWeightsFile.Layout.keras3Weights.orderRule
        if let first = try? CheckpointNaming.expand(patterns).first, (try? CheckpointNaming.refusePickle(first)) != nil,
           let file = try? KerasWeightsFile(path: first) {
            format = file.layout.description
            order = file.layout.orderRule
        }
        try options.run(patterns: patterns, format: format, layerOrder: order) { path in
            try KerasWeightsFile(path: path).read(selection: selection)
        }
    }
}
