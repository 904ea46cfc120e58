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
    /// For an object of a file opened for writing, whose closing may write: the file's
    /// record of failed writes, and where the object is, for the error. Guarded by the lock.
    private var writes: (record: HDF5WriteRecord, location: HDF5Location)?

    init(owning rawValue: hid_t, kind: Kind) {
        self.kind = kind
        self.value = rawValue
    }

    deinit { close() }

    /// Makes closing check for, and keep, a failed write in `record`; after one, closing
    /// leaves the identifier open (`HDF5WriteRecord` says why).
    func joinWrites(_ record: HDF5WriteRecord?, location: HDF5Location) {
        guard let record else { return }
        HDF5Library.withLock { writes = (record, location) }
    }

    /// The identifier, or `H5I_INVALID_HID` (-1) once closed, which makes any
    /// C call fail cleanly instead of touching another object.
    var rawValue: hid_t {
        HDF5Library.withLock { value ?? -1 }
    }

    var isOpen: Bool {
        HDF5Library.withLock { value != nil }
    }

    /// The identifier, or a thrown error if it has been closed. Tells the watchdog what the
    /// calls that follow work on.
    func open(_ call: HDF5Call) throws(HDF5Error) -> hid_t {
        try HDF5Library.withLock { () throws(HDF5Error) -> hid_t in
            HDF5Watchdog.working(on: call.operation, call.location)
            guard let value else { throw call.error("the object (or its file) has been closed", kind: .closed) }
            return value
        }
    }

    /// Closes the identifier; later calls do nothing. A failure is kept in the file's
    /// record of writes when it has one, and otherwise dropped.
    func close() {
        try? closeReportingErrors("close")
    }

    /// Closes the identifier, throwing HDF5's error when closing fails (which for a file or
    /// a dataset can mean that buffered data could not be written). Once a write to its
    /// file has failed, throws that failure and leaves the identifier open instead.
    func closeReportingErrors(_ operation: String, _ location: HDF5Location? = nil) throws(HDF5Error) {
        try HDF5Library.withLock { () throws(HDF5Error) in
            guard let value else { return }
            self.value = nil
            guard let writes else {
                let (status, function) = Self.close(value, kind: kind)
                guard status < 0 else { return }
                guard let location else { H5E.clear(); return }
                throw HDF5Call(operation, location).failure(function)
            }
            // After a failed write nothing of the file is closed (HDF5WriteRecord).
            try writes.record.check()
            let (status, function) = Self.close(value, kind: kind)
            let call = HDF5Call(operation, location ?? writes.location, writes: writes.record)
            try call.checkWrite(status, function, breaksFile: true)
        }
    }

    /// The identifier, now owned as `kind` (an object opened with `H5Oopen` once its kind is known,
    /// so that the matching close function is used).
    func reowned(as kind: Kind) -> HDF5Identifier {
        HDF5Library.withLock {
            let released = value ?? -1
            value = nil
            return HDF5Identifier(owning: released, kind: kind)
        }
    }

    /// The close function of each kind (`H5Fclose`, `H5Dclose`, …): its status and its name.
    private static func close(_ value: hid_t, kind: Kind) -> (herr_t, String) {
        switch kind {
        case .file: (H5Fclose(value), "H5Fclose")
        case .group: (H5Gclose(value), "H5Gclose")
        case .dataset: (H5Dclose(value), "H5Dclose")
        case .attribute: (H5Aclose(value), "H5Aclose")
        case .dataspace: (H5Sclose(value), "H5Sclose")
        case .datatype: (H5Tclose(value), "H5Tclose")
        case .propertyList: (H5Pclose(value), "H5Pclose")
        case .object: (H5Oclose(value), "H5Oclose")
        }
    }
}
