import Foundation
import GantryServer
import GantryStorage
import Hummingbird
import HummingbirdTesting
import Logging

/// A whole Gantry platform on a temporary data directory, as tests use it.
public struct TestPlatform: Sendable {
    /// The first admin's password in every test platform.
    public static let adminPassword = "correct-horse-battery"

    /// Opens a platform on an empty database of `backend`, runs `body`, then closes and removes it.
    ///
    /// bcrypt runs at its lowest cost so tests stay quick; everything else is as configured by default,
    /// unless `configure` changes it.
    public static func withPlatform<Result>(
        backend: TestBackend = .sqlite, timing: PlatformTiming = .system,
        configure: (inout ServerConfiguration) -> Void = { _ in },
        _ body: (Platform) async throws -> Result
    ) async throws -> Result {
        try await withTemporaryDirectory { directory in
            try await backend.withEmptyDatabase { url in
                try await run(body, configuration(directory, url, configure), timing)
            }
        }
    }

    /// Opens a platform as often as `body` calls `start`, each time on the same data directory and
    /// database, closing it after each `start` returns: what a restart test needs.
    public static func withRestartablePlatform(
        backend: TestBackend = .sqlite, timing: PlatformTiming = .system,
        configure: (inout ServerConfiguration) -> Void = { _ in },
        _ body: (_ start: (_ run: (Platform) async throws -> Void) async throws -> Void) async throws -> Void
    ) async throws {
        try await withTemporaryDirectory { directory in
            try await backend.withEmptyDatabase { url in
                let opened = configuration(directory, url, configure)
                try await body { run in try await Self.run(run, opened, timing) }
            }
        }
    }

    private static func configuration(
        _ directory: String, _ url: String?, _ configure: (inout ServerConfiguration) -> Void
    ) -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.dataDirectory = directory
        configuration.databaseURL = url
        configuration.httpPort = 0
        configuration.bcryptCost = 4
        configuration.adminPassword = adminPassword
        configure(&configuration)
        return configuration
    }

    private static func run<Result>(
        _ body: (Platform) async throws -> Result, _ configuration: ServerConfiguration, _ timing: PlatformTiming
    ) async throws -> Result {
        var logger = Logger(label: "gantry-test")
        logger.logLevel = .warning
        let platform = try await Platform.open(configuration: configuration, logger: logger, timing: timing)
        do {
            let result = try await body(platform)
            await platform.close()
            return result
        } catch {
            await platform.close()
            throw error
        }
    }

    /// A timing for tests: `clock` moves only when the test advances it, and wall time is `start` plus
    /// how far it has moved.
    public static func manualTiming(
        _ clock: ManualClock, start: Int64 = Int64(Date().timeIntervalSince1970 * 1000)
    ) -> PlatformTiming {
        PlatformTiming(clock: clock) {
            let offset = clock.now.offset.components
            return start + offset.seconds * 1000 + offset.attoseconds / 1_000_000_000_000_000
        }
    }
}
