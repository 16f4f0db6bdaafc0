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
        backend: TestBackend = .sqlite, configure: (inout ServerConfiguration) -> Void = { _ in },
        _ body: (Platform) async throws -> Result
    ) async throws -> Result {
        try await withTemporaryDirectory { directory in
            try await backend.withEmptyDatabase { url in
                var configuration = ServerConfiguration()
                configuration.dataDirectory = directory
                configuration.databaseURL = url
                configuration.httpPort = 0
                configuration.bcryptCost = 4
                configuration.adminPassword = adminPassword
                configure(&configuration)
                var logger = Logger(label: "gantry-test")
                logger.logLevel = .warning
                let platform = try await Platform.open(configuration: configuration, logger: logger)
                do {
                    let result = try await body(platform)
                    await platform.close()
                    return result
                } catch {
                    await platform.close()
                    throw error
                }
            }
        }
    }
}
