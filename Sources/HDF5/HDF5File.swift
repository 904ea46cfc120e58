import Foundation
import Platform
import _HDF5Shims

/// An open HDF5 file.
///
/// ## Format and compatibility
///
/// Files are created, and opened for writing, with the library-version bounds
/// fixed to the HDF5 1.10 file format (`H5Pset_libver_bounds(V110, V110)`).
/// That format is what single-writer/multiple-reader (SWMR) access needs, and
/// it is readable by HDF5 1.10 and every later release: by h5py built on
/// HDF5 1.10 or newer (h5py ≥ 2.x), by HDF5 1.12, 1.14 and 2.x, but not by
/// HDF5 1.8 or older.
///
/// ## Lifetime
///
/// The file stays open while this object, or any group or dataset obtained
/// from it, is alive; `close()` closes it explicitly. Groups and datasets
/// keep working after `close()` until they are released themselves (HDF5's
/// "weak" close degree), but `root` and the file's attribute functions throw.
///
/// All access goes through `HDF5Library.withLock`, so a file may be used
/// from several threads; operations are serialized.
///
/// ## Failed writes
///
/// When the operating system refuses a write (a full disk, a quota, an I/O error), or a
/// flush or close fails, the file is written no further: every later write, `flush()` and
/// `close()` throws that first failure (`HDF5Error.Kind.writeFailed`), and the file is left
/// open until the process ends instead of being closed (`HDF5WriteRecord` says why).
///
/// ## Other files
///
/// A file received from elsewhere can point into other files: through external links,
/// datasets with external raw storage, and virtual datasets whose sources are in other
/// files. None of them is followed unless the file is opened `allowingExternalData`:
/// opening such a dataset throws `HDF5Error.Kind.external`, naming the other file.
public final class HDF5File: HDF5AttributeHolder, @unchecked Sendable {
    /// Options for opening and creating files.
    public struct Options: Sendable {
        /// Follow external links, and read datasets whose data lies in other files.
        public var allowingExternalData = false
        /// Take HDF5's lock on the file (shared for reading, exclusive for writing). Files
        /// whose writers another lock keeps apart (the analysis cache) open without it, so
        /// that a reader does not stop the writer from opening the file.
        public var usingFileLock = true

        public init(allowingExternalData: Bool = false, usingFileLock: Bool = true) {
            self.allowingExternalData = allowingExternalData
            self.usingFileLock = usingFileLock
        }
    }

    /// What `create` does when a file already exists at the path.
    public enum CreationMode: Sendable {
        /// Replace the existing file.
        case truncate
        /// Throw instead of touching the existing file.
        case failIfExists
    }

    /// How `open` opens an existing file.
    public enum AccessMode: Sendable {
        case readOnly
        case readWrite
        /// Read-write, and a SWMR writer from the start, as after `startSWMRWrite()`
        /// but with metadata read retries bounded as a reader's
        /// (`HDF5Limits.swmrMetadataReadAttempts`): `startSWMRWrite()` sets HDF5's
        /// default of 100, which makes a damaged file hang. Objects cannot be created.
        case swmrWrite

        var isWritable: Bool { self != .readOnly }
    }

    /// The path the file was created or opened with.
    public let path: String

    /// Whether the file was opened for writing (`create` always is).
    public let isWritable: Bool

    /// Whether the file was opened as a SWMR reader, which sees what a concurrent
    /// writer flushes and retries metadata reads whose checksum fails.
    public let isSWMRReader: Bool

    /// Whether external links and data in other files are followed (`Options`).
    public let allowsExternalData: Bool

    let identifier: HDF5Identifier
    /// The root group, held open for the file's lifetime so that `root` need
    /// not throw.
    let rootIdentifier: HDF5Identifier
    /// The first failed write, for a file opened for writing.
    let writes: HDF5WriteRecord?

    private init(path: String, isWritable: Bool, isSWMRReader: Bool, allowsExternalData: Bool,
                 identifier: HDF5Identifier, rootIdentifier: HDF5Identifier) {
        self.path = path
        self.isWritable = isWritable
        self.isSWMRReader = isSWMRReader
        self.allowsExternalData = allowsExternalData
        self.identifier = identifier
        self.rootIdentifier = rootIdentifier
        writes = isWritable ? HDF5WriteRecord() : nil
        let location = HDF5Location(filePath: path, objectPath: "/")
        identifier.joinWrites(writes, location: location)
        rootIdentifier.joinWrites(writes, location: location)
    }

    deinit {
        rootIdentifier.close()
        identifier.close()
    }

    /// The first write to this file that failed, after which it is written no further.
    public var writeFailure: HDF5Error? { HDF5Library.withLock { writes?.failure } }

    var location: HDF5Location { HDF5Location(filePath: path, objectPath: "/") }

    /// Creates a new file in the HDF5 1.10 format (see the type's
    /// documentation for which libraries can read it).
    public static func create(_ path: String, mode: CreationMode = .failIfExists, options: Options = Options()) throws(HDF5Error) -> HDF5File {
        try HDF5Library.withLock { () throws(HDF5Error) -> HDF5File in
            let call = HDF5Call("create file", HDF5Location(filePath: path, objectPath: "/"))
            let accessList = try fileAccessList(options, call)
            defer { accessList.close() }
            let flags = mode == .truncate ? _h5f_acc_trunc() : _h5f_acc_excl()
            let file = try H5F.create(path, flags: flags, access: accessList, call)
            return try HDF5File(path: path, isWritable: true, isSWMRReader: false, options: options, file: file, call)
        }
    }

    /// Opens an existing file.
    ///
    /// - Parameters:
    ///   - mode: `.readWrite` and `.swmrWrite` open with the 1.10 format
    ///     bounds, which SWMR writing needs.
    ///   - swmrRead: open as a single-writer/multiple-reader reader, which
    ///     sees data that a concurrent SWMR writer flushes (call
    ///     `HDF5Dataset.refresh()` to pick it up). Only with `.readOnly`, and
    ///     only for files in the 1.10 format.
    ///   - clearingStatusFlags: when writing, first clear the consistency
    ///     flags that a SWMR writer killed before closing leaves set (what
    ///     `h5clear -s` does); without it such a file opens only as a SWMR reader.
    public static func open(
        _ path: String, mode: AccessMode = .readOnly, swmrRead: Bool = false, clearingStatusFlags: Bool = false,
        options: Options = Options()
    ) throws(HDF5Error) -> HDF5File {
        try HDF5Library.withLock { () throws(HDF5Error) -> HDF5File in
            let call = HDF5Call("open file", HDF5Location(filePath: path, objectPath: "/"))
            if swmrRead && mode.isWritable { throw call.error("a SWMR reader must open the file read-only") }
            try checkExistingFile(call)
            let accessList = try mode.isWritable ? fileAccessList(options, call) : readingAccessList(options, call)
            defer { accessList.close() }
            if swmrRead { try H5P.setMetadataReadAttempts(accessList.rawValue, HDF5Limits.swmrMetadataReadAttempts, call) }
            if clearingStatusFlags { try H5P.setClearingStatusFlags(accessList.rawValue, call) }
            var flags = mode.isWritable ? _h5f_acc_rdwr() : _h5f_acc_rdonly()
            if swmrRead { flags |= _h5f_acc_swmr_read() }
            if mode == .swmrWrite { flags |= _h5f_acc_swmr_write() }
            let file = try H5F.open(path, flags: flags, access: accessList, call)
            return try HDF5File(path: path, isWritable: mode.isWritable, isSWMRReader: swmrRead, options: options,
                                file: file, call)
        }
    }

    /// Opens an existing file read-only, as a SWMR reader only when its superblock says a
    /// writer has it open.
    ///
    /// A plain reader fails at once on a metadata checksum error, which is what a damaged
    /// file needs. A SWMR reader instead retries, because under SWMR a bad checksum may be
    /// a half-finished update; its retries are bounded by
    /// `HDF5Limits.swmrMetadataReadAttempts`, so a damaged file still fails quickly.
    public static func openForReading(_ path: String, options: Options = Options()) throws(HDF5Error) -> HDF5File {
        do throws(HDF5Error) {
            return try open(path, mode: .readOnly, options: options)
        } catch let error where error.kind == .markedOpenForWriting {
            return try open(path, mode: .readOnly, swmrRead: true, options: options)
        }
    }

    private convenience init(
        path: String, isWritable: Bool, isSWMRReader: Bool, options: Options, file: HDF5Identifier, _ call: HDF5Call
    ) throws(HDF5Error) {
        let root = try H5G.open(file.rawValue, "/", call)
        self.init(path: path, isWritable: isWritable, isSWMRReader: isSWMRReader,
                  allowsExternalData: options.allowingExternalData, identifier: file, rootIdentifier: root)
    }

    /// Refuses missing and empty files up front: the first for a short
    /// message, the second because HDF5 opening an empty file for writing
    /// silently turns it into a new HDF5 file.
    private static func checkExistingFile(_ call: HDF5Call) throws(HDF5Error) {
        let files = FileManager.default
        let path = call.location.filePath
        guard let attributes = try? files.attributesOfItem(atPath: path) else {
            let exists = files.fileExists(atPath: path)
            throw call.error(exists ? "permission denied" : "no such file", kind: exists ? .permissionDenied : .notFound)
        }
        if attributes[.type] as? FileAttributeType != .typeRegular {
            throw call.error("not a regular file", kind: .notAFile)
        }
        if !files.isReadableFile(atPath: path) {
            throw call.error("permission denied", kind: .permissionDenied)
        }
        if let size = attributes[.size] as? NSNumber, size.intValue == 0 {
            throw call.error("the file is empty, so it is not an HDF5 file", kind: .notHDF5)
        }
    }

    /// A file access property list for writing, with the library-version bounds fixed to
    /// the HDF5 1.10 format and bounded metadata read retries.
    private static func fileAccessList(_ options: Options, _ call: HDF5Call) throws(HDF5Error) -> HDF5Identifier {
        let accessList = try readingAccessList(options, call)
        try H5P.setFormatBounds(accessList.rawValue, H5F_LIBVER_V110, H5F_LIBVER_V110, call)
        // A SWMR writer retries metadata reads too: bound them as a reader's.
        try H5P.setMetadataReadAttempts(accessList.rawValue, HDF5Limits.swmrMetadataReadAttempts, call)
        return accessList
    }

    /// A file access property list for reading: HDF5's defaults, without its file lock when
    /// `options` ask (it is on by default).
    private static func readingAccessList(_ options: Options, _ call: HDF5Call) throws(HDF5Error) -> HDF5Identifier {
        let accessList = try H5P.fileAccess(call)
        if !options.usingFileLock { try H5P.setFileLocking(accessList.rawValue, false, call) }
        return accessList
    }

    /// Throws unless the file was opened for writing and no write to it has failed. HDF5
    /// itself would let a read-only handle write when the same file is also open for
    /// writing elsewhere in the process, since both share one underlying file.
    func requireWritable(_ call: HDF5Call) throws(HDF5Error) {
        guard isWritable else { throw call.error("the file was opened read-only") }
        try writes?.check()
    }

    /// Starts `operation` on the object `identifier` (of this file) at `location`: its open
    /// identifier and the context of the C calls. `writing` first refuses a file opened
    /// read-only or written no further, and keeps the calls' failed writes as the file's.
    func begin(
        _ operation: String, on identifier: HDF5Identifier, at location: HDF5Location, writing: Bool = false
    ) throws(HDF5Error) -> (object: hid_t, call: HDF5Call) {
        let call = HDF5Call(operation, location)
        let object = try identifier.open(call)
        guard writing else { return (object, call) }
        try requireWritable(call)
        return (object, call.writing(to: writes))
    }

    /// The root group, `/`.
    public var root: HDF5Group {
        HDF5Group(file: self, identifier: rootIdentifier, path: "/")
    }

    /// Whether `close()` has not been called yet.
    public var isOpen: Bool { identifier.isOpen }

    /// Switches a file opened for writing into single-writer/multiple-reader
    /// mode: from now on, readers that open the file with `swmrRead: true`
    /// see the data this writer flushes. Groups and datasets may stay open;
    /// no new groups, datasets or attributes can be created afterwards
    /// (datasets can still grow with `extend` and `append`).
    public func startSWMRWrite() throws(HDF5Error) {
        try HDF5Library.withLock { () throws(HDF5Error) in
            let (file, call) = try begin("start SWMR write", on: identifier, at: location, writing: true)
            // HDF5 1.10 crashes when another handle to the same file, in this
            // process, still has objects open; refuse instead.
            let all = try H5F.objectCount(file, types: _h5f_obj_all(), call)
            let local = try H5F.objectCount(file, types: _h5f_obj_all() | _h5f_obj_local(), call)
            guard all == local else {
                throw call.error("the file is also open through another handle in this process; close that first")
            }
            try H5F.startSWMRWrite(file, call)
        }
    }

    /// Writes all buffered data and metadata of the file to the operating system (and, for
    /// a SWMR writer, makes it visible to readers).
    public func flush() throws(HDF5Error) {
        try HDF5Library.withLock { () throws(HDF5Error) in
            let call = HDF5Call("flush file", location, writes: writes)
            let file = try identifier.open(call)
            try writes?.check()
            try H5F.flush(file, call)
        }
    }

    /// `flush()`, then waits until the operating system has the file's bytes on the disk
    /// (`fsync`), which is also when a late failure (an I/O error, a quota on a network
    /// file system) shows. Writers call it before the write that commits what came before.
    public func synchronize() throws(HDF5Error) {
        try flush()
        try HDF5Library.withLock { () throws(HDF5Error) in
            let call = HDF5Call("synchronize file", location)
            let file = try identifier.open(call)
            // The default (sec2) driver's handle is its file descriptor.
            guard let descriptor = try H5F.driverHandle(file, call)?.assumingMemoryBound(to: Int32.self).pointee else { return }
            do throws(SystemError) {
                try FileSystem.synchronize(descriptor: descriptor)
            } catch {
                let failure = location.error(call.operation, error.description, kind: .writeFailed, systemError: error)
                writes?.record(failure)
                throw failure
            }
        }
    }

    /// Closes the file. Calling it again does nothing; `deinit` closes too. Throws when
    /// HDF5 fails to write buffered data while closing, and after a failed write throws
    /// that failure and leaves the file open instead (see the type's documentation).
    public func close() throws(HDF5Error) {
        try HDF5Library.withLock { () throws(HDF5Error) in
            if isWritable, identifier.isOpen, writes?.failure == nil { try? flush() }
            try rootIdentifier.closeReportingErrors("close file", location)
            try identifier.closeReportingErrors("close file", location)
        }
    }

    /// The number of identifiers open on this file: the file itself, its
    /// root group, and every group, dataset and attribute still open.
    /// A diagnostic for leak tests; unaffected by other files in use.
    public func openObjectCount() throws(HDF5Error) -> Int {
        try HDF5Library.withLock { () throws(HDF5Error) -> Int in
            let (file, call) = try begin("count open objects", on: identifier, at: location)
            return try H5F.objectCount(file, types: _h5f_obj_all() | _h5f_obj_local(), call)
        }
    }

    // MARK: Attributes of the root group

    /// The file's attributes are those of its root group.
    public var _attributeTarget: HDF5AttributeTarget {
        HDF5AttributeTarget(owner: self, file: self, identifier: rootIdentifier, location: location)
    }
}
