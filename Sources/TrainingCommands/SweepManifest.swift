import CommandLineSupport
import Foundation
import Platform

/// `sweep.json`, beside a sweep's runs: what was asked, which runs exist and which failed,
/// so that `--resume` finishes a killed sweep and anyone can tell what a directory holds.
/// Rewritten (through a staged file) whenever a run finishes.
public struct SweepManifest: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case pending, finished, failed
    }

    public struct Entry: Codable, Sendable, Equatable {
        public var file: String
        public var settings: [String: String]
        public var status: Status
        public var error: String?
    }

    public static let fileName = "sweep.json"

    public var producer: String
    /// The `lr-train train` flags every run shares.
    public var trainingArguments: [String]
    public var grid: [GridAxis]
    public var seeds: [UInt64]?
    public var runs: [Entry]

    enum CodingKeys: String, CodingKey {
        case producer, grid, seeds, runs
        case trainingArguments = "training_arguments"
    }

    public init(producer: String, trainingArguments: [String], plan: SweepPlan) {
        self.producer = producer
        self.trainingArguments = trainingArguments
        grid = plan.axes
        seeds = plan.seeds
        runs = plan.runs.map { Entry(file: $0.file, settings: $0.settings, status: .pending, error: nil) }
    }

    /// Whether `other` asks for the same runs with the same shared flags.
    public func describesSameSweep(as other: SweepManifest) -> Bool {
        trainingArguments == other.trainingArguments && grid == other.grid && seeds == other.seeds
            && runs.map(\.file) == other.runs.map(\.file)
    }

    public static func read(directory: String) throws -> SweepManifest? {
        let path = directory + fileName
        guard FileSystem.exists(path) else { return nil }
        do {
            return try JSONDecoder().decode(SweepManifest.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw GridError(.unreadableManifest, "\(path): not a sweep manifest this lr-train can read (\(error.localizedDescription))")
        }
    }

    public func write(directory: String) throws {
        try writeOutputFile(jsonText(self), to: directory + Self.fileName)
    }

    /// Records how run `index` ended and rewrites the manifest (a failure to rewrite it is
    /// left for the next run's record, or the end of the sweep, to repair).
    public mutating func record(_ entry: Entry, run index: Int, directory: String) {
        runs[index] = entry
        try? write(directory: directory)
    }

    /// The runs that failed.
    public var failedCount: Int { runs.filter { $0.status == .failed }.count }
}
