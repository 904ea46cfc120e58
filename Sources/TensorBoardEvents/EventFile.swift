import Platform

/// A TensorBoard event file being written: `events.out.tfevents.<seconds>.<host>.<suffix>`
/// in a run's directory, opened with its `brain.Event:2` version record. Each `append`
/// reaches the disk whole before it returns, so TensorBoard, which reads a growing file
/// record by record, follows it live.
public final class EventFile {
    public let path: String
    private let file: AppendingFile

    /// The version record TensorBoard expects first.
    public static let fileVersion = "brain.Event:2"

    /// Every event file has this in its name (TensorBoard reads the files that do).
    public static let namePrefix = "events.out.tfevents."

    /// Creates a new event file in `directory` (which must exist), named after the current
    /// time and this host, ending in `.suffix`.
    public init(directory: String, suffix: String) throws(SystemError) {
        let now = WallClock.seconds()
        let directory = directory.hasSuffix("/") ? directory : directory + "/"
        path = "\(directory)\(Self.namePrefix)\(Int(now)).\(CurrentProcess.hostName).\(suffix)"
        file = try AppendingFile(creating: path)
        try append([Event(wallTime: now, step: 0, content: .fileVersion(Self.fileVersion))])
    }

    /// Appends `events` as TFRecords, all in one write.
    public func append(_ events: [Event]) throws(SystemError) {
        try file.append(events.flatMap(\.record))
    }

    public func close() throws(SystemError) { try file.close() }
}
