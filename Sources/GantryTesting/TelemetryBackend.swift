import Foundation
import GantryStorage
import Logging

/// The telemetry store backends the contract tests run against.
///
/// The embedded engine always runs. PostgreSQL runs when `GANTRY_TEST_POSTGRES_URL` names a server whose user may create databases; under CI
/// it is required, so a missing server fails the run instead of quietly testing less.
public enum TelemetryBackend: String, CaseIterable, Sendable, CustomStringConvertible {
    case embedded
    case postgres

    /// The backends to test here.
    public static var available: [TelemetryBackend] {
        let environment = ProcessInfo.processInfo.environment
        if environment["GANTRY_TEST_POSTGRES_URL"] != nil || environment["CI"] == "true" {
            return [.embedded, .postgres]
        }
        return [.embedded]
    }

    public var description: String { rawValue }

    /// Runs `body` with a store on a fresh, empty location, then closes the store and removes the location.
    public func withStore(_ body: (any TelemetryStore) async throws -> Void) async throws {
        try await withReopenableStore { handle in try await body(await handle.store) }
    }

    /// Runs `body` with a store that the test may close and open again on the same data, to check what
    /// survives a restart; the store open at the end is closed and the location removed.
    public func withReopenableStore(_ body: (ReopenableTelemetryStore) async throws -> Void) async throws {
        try await withEmptyLocation { location in
            let handle = ReopenableTelemetryStore(store: try await open(location), open: { try await open(location) })
            let outcome: Result<Void, any Error>
            do {
                try await body(handle)
                outcome = .success(())
            } catch {
                outcome = .failure(error)
            }
            try await handle.store.close()
            try outcome.get()
        }
    }

    /// Where a store of this backend lives: a directory, or a PostgreSQL URL.
    private func withEmptyLocation(_ body: (String) async throws -> Void) async throws {
        switch self {
        case .embedded:
            try await withTemporaryDirectory { directory in try await body(directory + "/telemetry") }
        case .postgres:
            try await TestBackend.postgres.withEmptyDatabase { url in
                guard let url else { throw TestSetupError("the PostgreSQL test backend gave no database URL") }
                try await body(url)
            }
        }
    }

    private func open(_ location: String) async throws -> any TelemetryStore {
        switch self {
        case .embedded:
            try await EmbeddedTelemetryStore.open(
                EmbeddedTelemetryConfiguration(directory: location), logger: Logger(label: "test-telemetry"))
        case .postgres:
            try await PostgresTelemetryStore.open(url: location, logger: Logger(label: "test-telemetry"))
        }
    }
}

/// A store under test that can be closed and opened again on the same data.
public actor ReopenableTelemetryStore {
    /// The store currently open.
    public private(set) var store: any TelemetryStore
    private let open: @Sendable () async throws -> any TelemetryStore

    init(store: any TelemetryStore, open: @escaping @Sendable () async throws -> any TelemetryStore) {
        self.store = store
        self.open = open
    }

    /// Closes the current store and opens a new one on the same location; answers the new one.
    @discardableResult
    public func reopen() async throws -> any TelemetryStore {
        try await store.close()
        store = try await open()
        return store
    }
}
