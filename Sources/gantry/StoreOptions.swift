import ArgumentParser
import Configuration
import GantryServer
import SystemPackage

/// The options every command that touches the store shares, and how they become a configuration:
/// flags over `GANTRY_…` environment variables over the config file over defaults.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "A YAML or JSON configuration file (see gantry.example.yaml).")
    var config: String?

    @Option(name: .long, help: "Where the embedded database and data files live (default ./gantry-data).")
    var dataDir: String?

    @Option(name: .long, help: "postgres://user:pass@host:port/db for PostgreSQL; default: SQLite in the data dir.")
    var database: String?

    /// The configuration reader, with `extra` flag values on top and `defaults` below everything else.
    func reader(
        extra: [AbsoluteConfigKey: ConfigValue] = [:], defaults: [AbsoluteConfigKey: ConfigValue] = [:]
    ) async throws -> ConfigReader {
        var values = extra
        if let dataDir { values["dataDir"] = .init(.string(dataDir), isSecret: false) }
        if let database { values["database.url"] = .init(.string(database), isSecret: true) }
        var providers: [any ConfigProvider] = [
            InMemoryProvider(name: "flags", values: values),
            KeyMappingProvider(upstream: EnvironmentVariablesProvider()) { $0.prepending(["gantry"]) },
        ]
        if let config {
            if config.hasSuffix(".json") {
                providers.append(try await FileProvider<JSONSnapshot>(filePath: FilePath(config)))
            } else {
                providers.append(try await FileProvider<YAMLSnapshot>(filePath: FilePath(config)))
            }
        }
        if !defaults.isEmpty { providers.append(InMemoryProvider(name: "command defaults", values: defaults)) }
        return ConfigReader(providers: providers)
    }
}
