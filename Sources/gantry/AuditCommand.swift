import ArgumentParser
import Foundation
import GantryServer
import GantryStorage
import Logging

/// `gantry audit verify`: checks the control audit journal's hash chain straight in the store, without
/// starting the platform, and names every edited, missing or cut-off line. Exits with 1 when any is found.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "The control audit journal.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that no line of the control audit journal was edited or removed.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            var logger = Logger(label: "gantry")
            logger.logLevel = .warning
            let configuration = ServerConfiguration(config: try await store.reader())
            let location = try DatabaseLocation(
                url: configuration.databaseURL, dataDirectory: configuration.dataDirectory)
            let metadata = try await MetadataStore.open(location: location, logger: logger)
            let report: ControlAudit.Report
            do {
                report = try await ControlAudit.verify(metadata)
            } catch {
                await metadata.shutdown()
                throw error
            }
            await metadata.shutdown()
            guard report.findings.isEmpty else {
                for finding in report.findings { print("TAMPERED: \(finding)") }
                print("the audit journal (\(report.lines) lines) does not verify: \(report.findings.count) finding(s)")
                throw ExitCode(1)
            }
            print("the audit journal verifies: \(report.lines) lines, each chained to the one before")
        }
    }
}
