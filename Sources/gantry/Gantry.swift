import ArgumentParser
import GantryServer

/// The `gantry` command: a thin shell over the libraries, so that everything it does is testable there.
@main
struct Gantry: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gantry",
        abstract: "Gantry, an industrial internet platform: connect equipment, model the plant, operate it safely.",
        version: GantryVersion.current,
        subcommands: [
            Serve.self, DemoCommand.self, UserCommand.self, BenchCommand.self, CrashTestCommand.self,
            BrokerCommand.self, AuditCommand.self, ProbeCommand.self, ScheduleCommand.self, Version.self,
        ],
        defaultSubcommand: Serve.self)
}

/// `gantry version`.
struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print Gantry's version.")

    func run() {
        print("gantry \(GantryVersion.current)")
    }
}
