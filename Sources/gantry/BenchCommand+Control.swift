import ArgumentParser
import Foundation
import GantryBench

extension BenchCommand {
    /// `gantry bench control`.
    struct Control: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Command round trip (request → device acknowledgement recorded) through `gantry serve`, "
                + "beside the bare MQTT loop on Mosquitto.")

        @Option(help: "The Mosquitto executable.")
        var mosquitto = "/usr/sbin/mosquitto"

        @Option(help: "Commands sent, one at a time.")
        var commands = 1000

        @Option(help: "Working directory for logs and data (a fresh temporary one by default).")
        var directory: String?

        func run() async throws {
            guard FileManager.default.isExecutableFile(atPath: mosquitto) else {
                throw ValidationError("no Mosquitto at \(mosquitto): `apt-get install mosquitto` or pass --mosquitto")
            }
            let root = directory ?? NSTemporaryDirectory() + "gantry-bench-control-\(UUID().uuidString.prefix(8))"
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            defer { if directory == nil { try? FileManager.default.removeItem(atPath: root) } }
            let gantry =
                (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                ?? CommandLine.arguments[0]
            let print: @Sendable (String) -> Void = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
            let result = try await ControlRoundTripBench.run(
                .init(gantry: gantry, mosquitto: mosquitto, commands: commands, directory: root), print: print)
            func ms(_ microseconds: UInt64) -> String { String(format: "%.2f", Double(microseconds) / 1000) }
            for (name, value) in [
                ("gantry request → ack recorded", result.gantryRoundTrip),
                ("gantry request → device", result.gantryToDevice),
                ("gantry HTTP answer", result.gantryResponse), ("mosquitto bare loop", result.mosquittoLoop),
            ] {
                print("  \(name): p50 \(ms(value.p50)) ms, p99 \(ms(value.p99)) ms, max \(ms(value.max)) ms")
            }
            let overheadP50 = result.gantryRoundTrip.p50 - min(result.gantryRoundTrip.p50, result.mosquittoLoop.p50)
            let overheadP99 = result.gantryRoundTrip.p99 - min(result.gantryRoundTrip.p99, result.mosquittoLoop.p99)
            print(
                "control commands=\(result.commands) roundtrip_p99_ms=\(ms(result.gantryRoundTrip.p99)) "
                    + "mosquitto_loop_p99_ms=\(ms(result.mosquittoLoop.p99)) overhead_p50_ms=\(ms(overheadP50)) "
                    + "overhead_p99_ms=\(ms(overheadP99)) target_overhead_p99_ms=5 "
                    + String(
                        format: "ratio_p99=%.2f",
                        Double(result.gantryRoundTrip.p99) / Double(max(1, result.mosquittoLoop.p99))))
            let stop = try SafeStopBench.run()
            print(
                "  heartbeat loss → safe stop (simulated locomotive at \(stop.speed) m/s, \(stop.trials) phases of the "
                    + "200 ms tick): watchdog trips after \(stop.tripMinimum)–\(stop.tripMaximum) ms, standstill after "
                    + "\(stop.standstillMedian) ms (median), \(stop.standstillMaximum) ms (max)")
            print(
                "control safe_stop_trip_max_ms=\(stop.tripMaximum) bound_ms=700 standstill_max_ms=\(stop.standstillMaximum)"
            )
        }
    }
}
