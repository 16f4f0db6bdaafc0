import Foundation
import GantryStorage
import Logging

/// The metadata backends the contract tests run against.
///
/// SQLite always runs. PostgreSQL runs when `GANTRY_TEST_POSTGRES_URL` names a server whose user may
/// create databases (`.ci/run` starts one); under CI it is required, so a missing server fails the run
/// instead of quietly testing less.
public enum TestBackend: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgres

    /// The backends to test here: both under CI or when PostgreSQL is configured, else SQLite only.
    public static var available: [TestBackend] {
        let environment = ProcessInfo.processInfo.environment
        if environment["GANTRY_TEST_POSTGRES_URL"] != nil || environment["CI"] == "true" {
            return [.sqlite, .postgres]
        }
        return [.sqlite]
    }

    public var description: String { rawValue }

    /// Runs `body` with a `--database` URL for an empty database of this kind (nil: SQLite in the data
    /// dir), and drops it afterwards.
    public func withEmptyDatabase<Result>(_ body: (String?) async throws -> Result) async throws -> Result {
        switch self {
        case .sqlite:
            return try await body(nil)
        case .postgres:
            guard let serverURL = ProcessInfo.processInfo.environment["GANTRY_TEST_POSTGRES_URL"] else {
                throw TestSetupError(
                    "GANTRY_TEST_POSTGRES_URL is not set; start PostgreSQL (see .ci/run) to run the PostgreSQL contract tests"
                )
            }
            let name =
                "gantry_test_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
            let admin = try MetadataDatabase(location: .postgres(url: serverURL), logger: Logger(label: "test-admin"))
            let url = DatabaseLocation.postgresURL(serverURL, database: name)
            let outcome: Swift.Result<Result, any Error>
            do {
                try await admin.read { sql in try await sql.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
                outcome = .success(try await body(url))
            } catch {
                outcome = .failure(error)
            }
            try? await admin.read { sql in
                try await sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run()
            }
            await admin.shutdown()
            return try outcome.get()
        }
    }
}

/// The test environment is missing something a test needs.
public struct TestSetupError: Error, CustomStringConvertible {
    public let description: String
    /// Whether a peer could not have the port it was given because something else took it first: a setup that
    /// picked the port itself may pick another.
    public let portTaken: Bool

    public init(_ description: String, portTaken: Bool = false) {
        self.description = description
        self.portTaken = portTaken
    }
}
