import ArgumentParser
import Foundation
import GantryBench

extension BenchCommand {
    /// `gantry bench connectors`.
    struct Connectors: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Modbus polls/s and OPC UA notifications/s against the pymodbus and asyncua peers, beside those "
                + "libraries' own clients, and the time from a peer's restart to data flowing again.")

        @Option(help: "The protocol peers (../shared/peers beside the repository by default).")
        var peers: String?

        @Option(help: "The baseline client scripts (scripts/bench in the repository by default).")
        var scripts: String?

        @Option(help: "Seconds per measured client.")
        var seconds: Double = 10

        @Option(help: "Peer restarts to time, per protocol.")
        var restarts = 3

        func run() async throws {
            let repository = FileManager.default.currentDirectoryPath
            let options = ConnectorBench.Options(
                peers: peers ?? (repository as NSString).deletingLastPathComponent + "/shared/peers",
                scripts: scripts ?? repository + "/scripts/bench", seconds: seconds, restarts: restarts)
            let print: @Sendable (String) -> Void = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
            let result = try await ConnectorBench.run(options, print: print)
            let modbus = result.modbusGantry
            print(
                String(
                    format:
                        "Modbus: Gantry %.0f polls/s (p50 %.2f ms, p99 %.2f ms, %d errors), pymodbus %.0f polls/s: "
                        + "ratio %.2f",
                    modbus.perSecond, Double(modbus.p50Microseconds ?? 0) / 1000,
                    Double(modbus.p99Microseconds ?? 0) / 1000, modbus.errors, result.modbusPymodbus.perSecond,
                    modbus.perSecond / max(result.modbusPymodbus.perSecond, 0.001)))
            print(
                String(
                    format: "OPC UA: Gantry %.0f notifications/s, asyncua %.0f notifications/s: ratio %.2f",
                    result.opcuaGantryPerSecond, result.opcuaAsyncuaPerSecond,
                    result.opcuaGantryPerSecond / max(result.opcuaAsyncuaPerSecond, 0.001)))
            print(
                "Peer restart → good data: Modbus "
                    + result.modbusRecoveryMilliseconds.map { String(format: "%.0f", $0) }.joined(separator: ", ")
                    + " ms; OPC UA "
                    + result.opcuaRecoveryMilliseconds.map { String(format: "%.0f", $0) }.joined(separator: ", ")
                    + " ms")
        }
    }
}
