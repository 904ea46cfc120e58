import _HDF5Shims

/// Sole owner of one HDF5 identifier (`hid_t`): closes it exactly once, with
/// the close function that matches its kind, either on `close()` or when the
/// owner is deinitialized.
///
/// Identifiers that only live for the duration of one function are closed
/// with `defer { identifier.close() }`; besides closing early, the `defer`
/// keeps the owner alive until the end of the scope, which ARC would
/// otherwise be free to release right after the last read of `rawValue` and
/// before the C call that uses it.
final class HDF5Identifier: @unchecked Sendable {
    enum Kind: Sendable {
        case file, group, dataset, attribute, dataspace, datatype, propertyList
        /// An object opened with `H5Oopen` whose kind is not yet known.
        case object
    }

    let kind: Kind
    /// Guarded by the library lock; `nil` once closed.
    private var value: hid_t?

    init(owning rawValue: hid_t, kind: Kind) {
        self.kind = kind
        self.value = rawValue
    }

    deinit {
        HDF5Library.withLock {
            if let value {
                if Self.close(value, kind: kind) < 0 { HDF5Library.clearErrorStack() }
            }
        }
    }

    /// The identifier, or `H5I_INVALID_HID` (-1) once closed, which makes any
    /// C call fail cleanly instead of touching another object.
    var rawValue: hid_t {
        HDF5Library.withLock { value ?? -1 }
    }

    var isOpen: Bool {
        HDF5Library.withLock { value != nil }
    }

    /// The identifier, or a thrown error if it has been closed.
    func open(_ operation: String, _ location: HDF5Location) throws -> hid_t {
        try HDF5Library.withLock {
            HDF5Watchdog.working(on: operation, location)
            guard let value else {
                throw location.error(operation, "the object (or its file) has been closed", kind: .closed)
            }
            return value
        }
    }

    /// Closes the identifier; later calls do nothing.
    func close() {
        HDF5Library.withLock {
            guard let value else { return }
            self.value = nil
            if Self.close(value, kind: kind) < 0 { HDF5Library.clearErrorStack() }
        }
    }

    /// Closes the identifier, throwing HDF5's error when closing fails (which
    /// for a file can mean that buffered data could not be written).
    func closeReportingErrors(_ operation: String, _ location: HDF5Location) throws {
        try HDF5Library.withLock {
            guard let value else { return }
            self.value = nil
            try HDF5Library.check(Self.close(value, kind: kind), operation, location.description,
                                  calling: "close")
        }
    }

    /// Takes the identifier out of this owner without closing it, leaving the
    /// caller responsible for it.
    func release() -> hid_t {
        HDF5Library.withLock {
            let released = value ?? -1
            value = nil
            return released
        }
    }

    private static func close(_ value: hid_t, kind: Kind) -> herr_t {
        switch kind {
        case .file: H5Fclose(value)
        case .group: H5Gclose(value)
        case .dataset: H5Dclose(value)
        case .attribute: H5Aclose(value)
        case .dataspace: H5Sclose(value)
        case .datatype: H5Tclose(value)
        case .propertyList: H5Pclose(value)
        case .object: H5Oclose(value)
        }
    }
}
