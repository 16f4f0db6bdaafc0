import ArgumentParser
import GantryBench

/// `gantry crash-test write|check`: the two halves `.ci/crash-test.sh` drives (hidden from help).
struct CrashTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crash-test", abstract: "Append until killed, then check nothing acknowledged was lost.",
        shouldDisplay: false, subcommands: [Write.self, Check.self])

    struct Options: ParsableArguments {
        @Option(help: "The telemetry directory.") var directory: String
        @Option(help: "The acknowledgement log.") var log: String
        @Option(help: "Concurrent writers.") var writers = 4
    }

    struct Write: AsyncParsableCommand {
        @OptionGroup var options: Options
        func run() async throws {
            try await CrashTest.write(directory: options.directory, log: options.log, writers: options.writers)
        }
    }

    struct Check: AsyncParsableCommand {
        @OptionGroup var options: Options
        func run() async throws {
            print(try await CrashTest.check(directory: options.directory, log: options.log, writers: options.writers))
        }
    }
}
