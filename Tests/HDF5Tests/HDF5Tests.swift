import Foundation
import HDF5
import LocalRankTestSupport
import Testing

/// All HDF5 tests, run one at a time: the leak tests compare process-wide
/// counts of open HDF5 objects, which tests running in parallel would
/// disturb. The suites in the other files of this target are nested in this
/// one through extensions, and inherit `.serialized`.
@Suite(.serialized)
struct HDF5Tests {}

/// Runs `body`, expecting it to throw an `HDF5Error`, and returns the error.
@discardableResult
func expectHDF5Error<T>(
    _ body: () throws -> T, sourceLocation: SourceLocation = #_sourceLocation
) -> HDF5Error? {
    do {
        _ = try body()
        Issue.record("expected an HDF5Error, but nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let error as HDF5Error {
        #expect(!error.description.contains("\n"), "error descriptions are one line: \(error)",
                sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected an HDF5Error, got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Fails the test with Python's message unless h5py and NumPy are importable.
func requireH5py() throws {
    try Python.requireModules(["numpy", "h5py"])
}
