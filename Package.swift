// swift-tools-version: 6.0
import PackageDescription

// Linux only: the numerical core is OpenBLAS, LAPACKE and HDF5 through pkg-config, and the
// operating system's calls sit behind the Platform module (Glibc). Only lr-mpi links MPI
// (Open MPI through pkg-config): lr-train, lr-analyze and lr-import run where it is absent.
let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let realModule = Target.Dependency.product(name: "RealModule", package: "swift-numerics")
let numerics = Target.Dependency.product(name: "Numerics", package: "swift-numerics")

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
        // The HDF5 run format v1: its vocabulary, paths, schema, writer, reader, validation.
        .target(name: "RunFormat", dependencies: ["HDF5", "Platform", realModule]),
        // Training data: synthetic jointly Gaussian regression and IDX images.
        .target(name: "Datasets", dependencies: ["LinearAlgebra", "RandomNumbers", "RunFormat", "Platform", "_ZlibShims", realModule]),
        // Dense layers, losses and optimizers. Without C's errno semantics, square roots of
        // SIMD vectors compile to one vector instruction instead of a branch and a call per
        // lane (Adam's update: 2.6 instead of 9 cycles per parameter).
        .target(name: "NeuralNetworks", dependencies: ["LinearAlgebra", "RandomNumbers", "RunFormat", "Platform", realModule],
                swiftSettings: [.unsafeFlags(["-Xcc", "-fno-math-errno"])]),
        // Progress lines and number formats on stderr for the command-line tools.
        .target(name: "TerminalProgress", dependencies: ["Platform"]),
        // The training loop that writes checkpoints.
        .target(name: "Training", dependencies: ["Datasets", "NeuralNetworks", "RunFormat", "LinearAlgebra", "TerminalProgress", "Platform", realModule]),
        // Jacobian spectra, local rank and the analysis cache.
        .target(name: "LocalRank", dependencies: ["RunFormat", "LinearAlgebra", "HDF5", "Platform", "TerminalProgress", realModule]),
        // SVG line charts.
        .target(name: "Plots", dependencies: [realModule]),
        // Keras, safetensors and NumPy files read into run files.
        .target(name: "CheckpointImport", dependencies: ["HDF5", "RunFormat", "Platform"]),
        // What the three command-line tools share: error lines, the HDF5 watchdog's report.
        .target(name: "CommandLineSupport", dependencies: ["HDF5", "RunFormat", "Platform"]),

        // The command-line tools' commands, as libraries that lr-mpi shares.
        .target(
            name: "TrainingCommands",
            dependencies: ["Training", "Datasets", "NeuralNetworks", "RunFormat", "TerminalProgress", "CommandLineSupport",
                           "Platform", realModule, argumentParser]),
        .target(
            name: "AnalysisCommands",
            dependencies: ["LocalRank", "Plots", "RunFormat", "Training", "TrainingCommands", "TerminalProgress", "CommandLineSupport", "Platform",
                           realModule, argumentParser]),

        // Thin command-line front ends.
        .executableTarget(name: "lr-train", dependencies: ["TrainingCommands"]),
        .executableTarget(name: "lr-analyze", dependencies: ["AnalysisCommands"]),
        // lr-train sweep and lr-analyze over MPI ranks, with the same options and outputs.
        .executableTarget(
            name: "lr-mpi",
            dependencies: ["MPI", "TrainingCommands", "AnalysisCommands", "LocalRank", "LinearAlgebra", "CommandLineSupport",
                           "TerminalProgress", "Platform", argumentParser]),
        .executableTarget(
            name: "lr-import",
            dependencies: ["CheckpointImport", "RunFormat", "TerminalProgress", "CommandLineSupport", "Platform", argumentParser]),

        // Tests: one target per module, in process; CommandLineTests, ImportTests and MPITests run the tools.
        .target(
            name: "LocalRankTestSupport",
            dependencies: ["HDF5", "LinearAlgebra", "RandomNumbers", "Platform"],
            path: "Tests/LocalRankTestSupport"),
        .testTarget(name: "PlatformTests", dependencies: ["Platform", "LocalRankTestSupport"]),
        .testTarget(name: "HDF5Tests", dependencies: ["HDF5", "LocalRankTestSupport"]),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "LocalRankTestSupport", numerics]),
        .testTarget(name: "RandomNumbersTests", dependencies: ["RandomNumbers"]),
        .testTarget(name: "RunFormatTests", dependencies: ["RunFormat", "HDF5", "LocalRankTestSupport"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "LocalRankTestSupport"]),
        .testTarget(name: "NeuralNetworksTests", dependencies: ["NeuralNetworks", "RunFormat", "RandomNumbers", "Platform", numerics]),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "RunFormat", "LocalRankTestSupport"]),
        .testTarget(name: "TrainingCommandsTests", dependencies: ["TrainingCommands", realModule]),
        .testTarget(name: "LocalRankTests", dependencies: ["LocalRank", "RunFormat", "LinearAlgebra", "LocalRankTestSupport", numerics]),
        .testTarget(name: "PlotsTests", dependencies: ["Plots"]),
        .testTarget(name: "CommandLineTests", dependencies: ["HDF5", "RunFormat", "Platform", "LocalRankTestSupport"]),
        .testTarget(name: "ImportTests", dependencies: ["CheckpointImport", "HDF5", "RunFormat", "LocalRankTestSupport"]),
        .testTarget(name: "MPITests", dependencies: ["HDF5", "LocalRankTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
