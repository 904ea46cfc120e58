import Foundation

/// Debian's Fashion-MNIST (`dataset-fashion-mnist`, which `make test` installs): the tests
/// that train on it are skipped, with a message, where it is absent.
public enum FashionMNIST {
    public static let directory = "/usr/share/datasets/fashion-mnist"

    /// Whether the four IDX files are there.
    public static var isInstalled: Bool {
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"].allSatisfy { name in
            FileManager.default.isReadableFile(atPath: "\(directory)/\(name).gz") || FileManager.default.isReadableFile(atPath: "\(directory)/\(name)")
        }
    }
}
