import ArgumentParser
import CheckpointImport

/// `lr-import safetensors`: PyTorch state_dicts saved as safetensors.
struct SafetensorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "safetensors",
        abstract: "Import safetensors checkpoints of PyTorch MLPs (state_dict names: 0.weight, 0.bias, 2.weight, … or fc1.weight, …).",
        discussion: """
            Linear layers are NAME.weight [out, in] with NAME.bias [out], ordered by their \
            module names with numbers compared as numbers; --layers gives the order \
            explicitly. safetensors files store no activations: give --activations. \
            Pickles (.pt, .pth, .bin, .ckpt) are refused: loading one runs code. Save \
            safetensors instead: safetensors.torch.save_file(model.state_dict(), "step-100.safetensors").

            Examples:
              lr-import safetensors 'ckpt/step-*.safetensors' --probe probe.npy --activations relu --out run.h5
              lr-import safetensors 'ckpt/*.safetensors' --layers fc1,fc2,out --activations relu,tanh --probe x.npy --out run.h5
            """)

    @Argument(help: ArgumentHelp("Checkpoint files or quoted glob patterns (expanded by lr-import).", valueName: "pattern"))
    var patterns: [String]

    @OptionGroup var options: ImportOptions

    func run() throws {
        let selection = options.layers
        try options.run(patterns: patterns, format: "safetensors", layerOrder: SafetensorsCheckpoint.orderRule) { path in
            try SafetensorsCheckpoint.read(path: path, selection: selection)
        }
    }
}
