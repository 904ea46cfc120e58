// swift-tools-version: 6.0
import PackageDescription

// Linux only: the numerical core is OpenBLAS, LAPACKE and HDF5 through pkg-config, and the
// operating system's calls sit behind the Platform module (Glibc). Only lr-mpi links MPI
// (Open MPI through pkg-config): lr-train, lr-analyze and lr-import run where it is absent.
// Layers depend downward only: the vocabulary, the maths (no HDF5), the run format, training
// and analysis (neither draws progress itself), the command libraries (the analyzer's never
// links the trainer's), the executables. Each target declares exactly what it imports
// (checked by Tests/package, which `make test` runs).
let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let realModule = Target.Dependency.product(name: "RealModule", package: "swift-numerics")

/// Test code is compiled without optimization: it builds in two thirds of the time, and the
/// work the tests wait for runs in the optimized libraries and tools they call.
let testCode: [SwiftSetting] = [.unsafeFlags(["-Onone"])]

let package = Package(
    name: "local-rank",
    products: [
        .executable(name: "lr-train", targets: ["lr-train"]),
        .executable(name: "lr-analyze", targets: ["lr-analyze"]),
        .executable(name: "lr-import", targets: ["lr-import"]),
        .executable(name: "lr-mpi", targets: ["lr-mpi"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    ],
    targets: [
        // C libraries, reached through tiny internal shims.
        .systemLibrary(name: "_HDF5Shims", pkgConfig: "hdf5", providers: [.apt(["libhdf5-dev"])]),
        .systemLibrary(name: "_OpenBLASShims", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "_LAPACKEShims", pkgConfig: "lapacke", providers: [.apt(["liblapacke-dev"])]),
        .systemLibrary(name: "_ZlibShims", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "_MPIShims", pkgConfig: "ompi-c", providers: [.apt(["libopenmpi-dev"])]),
        .systemLibrary(name: "_RSVGShims", pkgConfig: "librsvg-2.0", providers: [.apt(["librsvg2-dev"])]),

        // The words every layer shares: activations, network kinds, tasks, settings and their
        // flags. It depends on nothing of ours (RealModule gives the activations' tanh).
        .target(name: "Vocabulary", dependencies: [realModule]),
        // The operating system's calls, each behind one thin checked Swift call.
        .target(name: "Platform"),
        // MPI's calls, each behind one thin checked Swift call (lr-mpi only).
        .target(name: "MPI", dependencies: ["_MPIShims"]),
        // Our Swift wrapper of the HDF5 C library.
        .target(name: "HDF5", dependencies: ["_HDF5Shims", "Platform"]),
        // Typed matrices over CBLAS and LAPACKE.
        .target(name: "LinearAlgebra", dependencies: ["_OpenBLASShims", "_LAPACKEShims"]),
        // A seedable generator whose state can be checkpointed.
        .target(name: "RandomNumbers", dependencies: [realModule]),
        // The HDF5 run format v1: its paths, schema, writer, reader, validation.
        .target(name: "RunFormat", dependencies: ["HDF5", "Platform", "Vocabulary"]),
        // Training data: synthetic jointly Gaussian regression and IDX images.
        .target(name: "Datasets", dependencies: ["LinearAlgebra", "RandomNumbers", "Vocabulary", "_ZlibShims", realModule]),
        // Dense layers, losses and optimizers. Without C's errno semantics, square roots of
        // SIMD vectors compile to one vector instruction instead of a branch and a call per
        // lane (Adam's update: 2.6 instead of 9 cycles per parameter).
        .target(name: "NeuralNetworks", dependencies: ["LinearAlgebra", "RandomNumbers", "Vocabulary", "Platform", realModule],
                swiftSettings: [.unsafeFlags(["-Xcc", "-fno-math-errno"])]),
        // Progress lines and number formats on stderr for the command-line tools.
        .target(name: "TerminalProgress", dependencies: ["Platform"]),
        // The training loop that writes checkpoints; it reports progress to its caller.
        .target(name: "Training", dependencies: ["Datasets", "NeuralNetworks", "RunFormat", "Vocabulary", "LinearAlgebra", "RandomNumbers",
                                                 "Platform", realModule]),
        // Jacobian spectra, local rank and the analysis cache; it reports progress to its caller.
        .target(name: "LocalRank", dependencies: ["RunFormat", "Vocabulary", "LinearAlgebra", "HDF5", "Platform", realModule]),
        // SVG line charts.
        .target(name: "Plots", dependencies: [realModule]),
        // Charts written as SVG, or rendered to PNG and PDF by librsvg and cairo.
        .target(name: "ChartFiles", dependencies: ["_RSVGShims", "Platform"]),
        // TensorBoard event files (TFRecords of Event protocol buffers), encoded by hand: scalars
        // need five fields, where swift-protobuf would add its runtime to every build and code
        // generated from TensorFlow's .proto files, and the framing is ours either way.
        .target(name: "TensorBoardEvents", dependencies: ["Platform"]),
        // Keras, safetensors and NumPy files read into run files.
        .target(name: "CheckpointImport", dependencies: ["HDF5", "RunFormat", "Vocabulary", "Platform"]),
        // What the command-line tools share: the version, the one path from an error to its
        // line and exit status, usage lines, output files, the HDF5 watchdog's report.
        .target(name: "CommandLineSupport", dependencies: ["HDF5", "Platform", argumentParser]),

        // The command-line tools' commands, as libraries that lr-mpi shares and tests import.
        .target(
            name: "TrainingCommands",
            dependencies: ["Training", "Datasets", "NeuralNetworks", "RunFormat", "Vocabulary", "TerminalProgress", "CommandLineSupport",
                           "Platform", realModule, argumentParser]),
        .target(
            name: "AnalysisCommands",
            dependencies: ["LocalRank", "Plots", "ChartFiles", "TensorBoardEvents", "RunFormat", "Vocabulary", "TerminalProgress", "CommandLineSupport",
                           "Platform", realModule, argumentParser]),
        .target(
            name: "ImportCommands",
            dependencies: ["CheckpointImport", "Vocabulary", "TerminalProgress", "CommandLineSupport", "Platform", argumentParser]),
        // lr-train sweep and lr-analyze over MPI ranks, with the same options and outputs.
        .target(
            name: "MPICommands",
            dependencies: ["MPI", "TrainingCommands", "AnalysisCommands", "LocalRank", "CommandLineSupport", "TerminalProgress",
                           "Platform", argumentParser]),

        // Thin command-line front ends.
        .executableTarget(name: "lr-train", dependencies: ["TrainingCommands"]),
        .executableTarget(name: "lr-analyze", dependencies: ["AnalysisCommands"]),
        .executableTarget(name: "lr-import", dependencies: ["ImportCommands"]),
        .executableTarget(name: "lr-mpi", dependencies: ["MPICommands"]),

        // Tests: one target per module, in process; CommandLineTests, ImportTests and MPITests
        // also run the tools. Tests/package checks that these dependencies are the imports.
        .target(
            name: "LocalRankTestSupport",
            dependencies: ["LinearAlgebra", "RandomNumbers", "Platform"],
            path: "Tests/LocalRankTestSupport", swiftSettings: testCode),
        .testTarget(name: "VocabularyTests", dependencies: ["Vocabulary"], swiftSettings: testCode),
        .testTarget(name: "PlatformTests", dependencies: ["Platform", "LocalRankTestSupport"], swiftSettings: testCode),
        .testTarget(name: "HDF5Tests", dependencies: ["HDF5", "_HDF5Shims", "LocalRankTestSupport"], swiftSettings: testCode),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "LocalRankTestSupport", realModule], swiftSettings: testCode),
        .testTarget(name: "RandomNumbersTests", dependencies: ["RandomNumbers"], swiftSettings: testCode),
        .testTarget(name: "RunFormatTests", dependencies: ["RunFormat", "Vocabulary", "HDF5", "LocalRankTestSupport"], swiftSettings: testCode),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "LinearAlgebra", "LocalRankTestSupport"], swiftSettings: testCode),
        .testTarget(name: "NeuralNetworksTests", dependencies: ["NeuralNetworks", "Vocabulary", "RandomNumbers", "Platform", realModule], swiftSettings: testCode),
        .testTarget(name: "TerminalProgressTests", dependencies: ["TerminalProgress", "Platform"], swiftSettings: testCode),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "RunFormat", "LocalRankTestSupport"], swiftSettings: testCode),
        .testTarget(name: "LocalRankTests", dependencies: ["LocalRank", "RunFormat", "Vocabulary", "LinearAlgebra", "LocalRankTestSupport", realModule], swiftSettings: testCode),
        .testTarget(name: "PlotsTests", dependencies: ["Plots"], swiftSettings: testCode),
        .testTarget(name: "TensorBoardEventsTests", dependencies: ["TensorBoardEvents", "LocalRankTestSupport"], swiftSettings: testCode),
        .testTarget(name: "ChartFilesTests", dependencies: ["ChartFiles", "LocalRankTestSupport"], swiftSettings: testCode),
        .testTarget(name: "CommandLineSupportTests", dependencies: ["CommandLineSupport", "Platform", argumentParser], swiftSettings: testCode),
        .testTarget(name: "TrainingCommandsTests", dependencies: ["TrainingCommands", "Training", "RunFormat", "CommandLineSupport"], swiftSettings: testCode),
        .testTarget(name: "AnalysisCommandsTests", dependencies: ["AnalysisCommands", "LocalRank", "RunFormat", "CommandLineSupport"], swiftSettings: testCode),
        .testTarget(name: "ImportCommandsTests", dependencies: ["ImportCommands", "CommandLineSupport", "CheckpointImport"], swiftSettings: testCode),
        .testTarget(name: "MPICommandsTests", dependencies: ["MPICommands", "LocalRank"], swiftSettings: testCode),
        .testTarget(name: "CommandLineTests", dependencies: ["HDF5", "RunFormat", "Platform", "LocalRankTestSupport"], swiftSettings: testCode),
        .testTarget(name: "ImportTests", dependencies: ["CheckpointImport", "HDF5", "RunFormat", "LocalRankTestSupport"], swiftSettings: testCode),
        .testTarget(name: "MPITests", dependencies: ["MPI", "HDF5", "LocalRankTestSupport"], swiftSettings: testCode),
    ],
    swiftLanguageModes: [.v6]
)
