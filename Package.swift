// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "local-rank",
    products: [
        .executable(name: "lr-train", targets: ["lr-train"]),
        .executable(name: "lr-analyze", targets: ["lr-analyze"]),
        .executable(name: "lr-import", targets: ["lr-import"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    ],
    targets: [
        // C libraries, reached through tiny internal shims.
        .systemLibrary(
            name: "_HDF5Shims", pkgConfig: "hdf5",
            providers: [.apt(["libhdf5-dev"])]),
        .systemLibrary(
            name: "_OpenBLASShims", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(
            name: "_LAPACKEShims", pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev"])]),
        .systemLibrary(
            name: "_ZlibShims", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),

        // Our Swift wrapper of the HDF5 C library.
        .target(name: "HDF5", dependencies: ["_HDF5Shims"]),
        // Typed matrices over CBLAS and LAPACKE.
        .target(name: "LinearAlgebra", dependencies: ["_OpenBLASShims", "_LAPACKEShims"]),
        // A seedable generator whose state can be checkpointed.
        .target(name: "RandomNumbers"),
        // Training data: synthetic jointly Gaussian regression and IDX images.
        .target(name: "Datasets", dependencies: ["LinearAlgebra", "RandomNumbers", "RunFormat", "_ZlibShims"]),
        // Dense layers, activations, losses and optimizers.
        .target(name: "NeuralNetworks", dependencies: ["LinearAlgebra", "RandomNumbers", "RunFormat"]),
        // The HDF5 run format v1: its vocabulary, paths, schema, writer, reader, validation.
        .target(name: "RunFormat", dependencies: ["HDF5", .product(name: "RealModule", package: "swift-numerics")]),
        // The training loop that writes checkpoints.
        .target(name: "Training", dependencies: ["Datasets", "NeuralNetworks", "RunFormat", "LinearAlgebra", "TerminalProgress"]),
        // Jacobian spectra, local rank and the analysis cache.
        .target(name: "LocalRank", dependencies: ["RunFormat", "LinearAlgebra", "HDF5", "TerminalProgress"]),
        // Progress lines on stderr for both command-line tools.
        .target(name: "TerminalProgress"),
        // SVG line charts.
        .target(name: "Plots"),
        // Keras, safetensors and NumPy files read into run files.
        .target(name: "CheckpointImport", dependencies: ["HDF5", "RunFormat"]),

        // Thin command-line front ends.
        .executableTarget(
            name: "lr-train",
            dependencies: ["Training", "Datasets", "NeuralNetworks", "RunFormat", "TerminalProgress", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(
            name: "lr-analyze",
            dependencies: ["LocalRank", "Plots", "RunFormat", "TerminalProgress", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(
            name: "lr-import",
            dependencies: ["CheckpointImport", "TerminalProgress", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        // Tests.
        .target(
            name: "LocalRankTestSupport",
            dependencies: ["HDF5", "LinearAlgebra", "RandomNumbers"],
            path: "Tests/LocalRankTestSupport"),
        .testTarget(name: "HDF5Tests", dependencies: ["HDF5", "LocalRankTestSupport"]),
        .testTarget(
            name: "LinearAlgebraTests",
            dependencies: ["LinearAlgebra", "LocalRankTestSupport", .product(name: "Numerics", package: "swift-numerics")]),
        .testTarget(
            name: "NeuralNetworksTests",
            dependencies: ["NeuralNetworks", "RunFormat", .product(name: "Numerics", package: "swift-numerics")]),
        .testTarget(
            name: "LocalRankTests",
            dependencies: ["LocalRank", "RunFormat", "LinearAlgebra", "LocalRankTestSupport", .product(name: "Numerics", package: "swift-numerics")]),
        .testTarget(name: "PlotsTests", dependencies: ["Plots"]),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "LocalRankTestSupport"]),
        .testTarget(
            name: "CommandLineTests",
            dependencies: ["HDF5", "RunFormat", "LocalRankTestSupport"]),
        .testTarget(
            name: "ImportTests",
            dependencies: ["CheckpointImport", "HDF5", "RunFormat", "LocalRankTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
