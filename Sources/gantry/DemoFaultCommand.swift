import ArgumentParser
import Foundation
import GantryDemo

/// `gantry demo fault inject|clear|list`: break a running demo's plant, or mend it, over its HTTP API.
struct DemoFaultCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fault",
        abstract: "Inject, clear or list faults of a running `gantry demo`.",
        subcommands: [Inject.self, Clear.self, List.self])

    /// `gantry demo fault inject --kind K --target T`.
    struct Inject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a fault: bearing-wear, sensor-drift, stuck-value or link-loss.")

        @OptionGroup var fault: FaultOptions
        @OptionGroup var connection: DemoConnectionOptions

        func run() async throws {
            let started = try await connection.client().inject(kind: fault.kind, target: fault.target)
            print(
                started
                    ? "Injected \(fault.kind) on \(fault.target). Clear it with:\n"
                        + "  gantry demo fault clear --kind \(fault.kind) --target \(fault.target)"
                    : "\(fault.kind) on \(fault.target) was already active; nothing changed.")
        }
    }

    /// `gantry demo fault clear --kind K --target T`.
    struct Clear: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop an active fault.")

        @OptionGroup var fault: FaultOptions
        @OptionGroup var connection: DemoConnectionOptions

        func run() async throws {
            try await connection.client().clear(kind: fault.kind, target: fault.target)
            print("Cleared \(fault.kind) on \(fault.target).")
        }
    }

    /// `gantry demo fault list [--all]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the active faults and what can be injected.")

        @Flag(name: .long, help: "List every target of every kind, not the first few.")
        var all = false

        @OptionGroup var connection: DemoConnectionOptions

        func run() async throws {
            let listing = try await connection.client().list()
            print(FaultListing(listing, everyTarget: all).text, terminator: "")
        }
    }
}

/// The fault a command names.
struct FaultOptions: ParsableArguments {
    @Option(name: .long, help: "bearing-wear, sensor-drift, stuck-value or link-loss.")
    var kind: String

    @Option(name: .long, help: "An asset path (bearing-wear), a tag path (sensor-drift, stuck-value) or a device name.")
    var target: String
}

/// Where the demo runs and whom to sign in as; flags win over `GANTRY_URL`, `GANTRY_USERNAME` and
/// `GANTRY_PASSWORD`.
struct DemoConnectionOptions: ParsableArguments {
    @Option(name: .long, help: "The demo's address (default $GANTRY_URL or http://127.0.0.1:8080).")
    var url: String?

    @Option(name: .long, help: "Who to sign in as (default $GANTRY_USERNAME or operator).")
    var username: String?

    @Option(name: .long, help: "Their password (default $GANTRY_PASSWORD); the environment keeps it out of history.")
    var password: String?

    func client() throws -> SimulatorFaultClient {
        let environment = ProcessInfo.processInfo.environment
        let address = url ?? environment["GANTRY_URL"] ?? "http://127.0.0.1:8080"
        guard let base = URL(string: address), ["http", "https"].contains(base.scheme ?? ""), base.host != nil else {
            throw ValidationError("'\(address)' is not an http:// or https:// address, such as http://127.0.0.1:8080")
        }
        guard let secret = password ?? environment["GANTRY_PASSWORD"] else {
            throw ValidationError(
                "no password: set GANTRY_PASSWORD (gantry demo prints the operator's) or pass --password")
        }
        return SimulatorFaultClient(
            baseURL: base, username: username ?? environment["GANTRY_USERNAME"] ?? "operator", password: secret)
    }
}
