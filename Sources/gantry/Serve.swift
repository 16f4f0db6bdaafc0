import ArgumentParser
import GantryServer

/// `gantry serve`: run the platform until SIGTERM or SIGINT, then shut down gracefully.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the Gantry platform.")

    @OptionGroup var server: ServerOptions

    func run() async throws {
        let reader = try await server.reader()
        let (logger, registry) = PlatformServices.bootstrap(reader)
        let platform = try await Platform.open(
            configuration: ServerConfiguration(config: reader), logger: logger, metrics: registry)
        if let password = platform.generatedAdminPassword {
            PlatformServices.show(
                """
                ------------------------------------------------------------
                First start: created user 'admin' with password
                    \(password)
                It is shown only this once. Change it with `gantry user passwd admin`.
                ------------------------------------------------------------

                """)
        }
        try await PlatformServices.run(platform, logger: logger)
    }
}
