import ArgumentParser
import Foundation
import GantryBench

extension BenchCommand {
    /// `gantry bench live`.
    struct Live: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Latency from an MQTT publish to many /api/v1/live WebSocket subscribers of `gantry serve`.")

        @Option(help: "WebSocket subscribers, each on its own connection.")
        var subscribers = 1000

        @Option(help: "Samples published (each reaches every subscriber).")
        var samples = 600

        @Option(help: "Samples published per second.")
        var rate = 60

        @Option(help: "Working directory for logs and data (a fresh temporary one by default).")
        var directory: String?

        func run() async throws {
            let root = directory ?? NSTemporaryDirectory() + "gantry-bench-live-\(UUID().uuidString.prefix(8))"
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            defer { if directory == nil { try? FileManager.default.removeItem(atPath: root) } }
            let gantry =
                (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                ?? CommandLine.arguments[0]
            let print: @Sendable (String) -> Void = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
            let result = try await LiveFanOutBench.run(
                LiveFanOutBench.Options(
                    gantry: gantry, subscribers: subscribers, samples: samples, rate: rate, directory: root),
                print: print)
            print(
                String(
                    format: "  delivered %d of %d; p50 %.2f ms, p99 %.2f ms, max %.2f ms; server CPU %.1f s",
                    result.delivered, result.expected, Double(result.p50Microseconds) / 1000,
                    Double(result.p99Microseconds) / 1000, Double(result.maxMicroseconds) / 1000,
                    result.serverCPUSeconds))
            print(
                String(
                    format: "live subscribers=%d p99_ms=%.2f target_ms=50 delivered=%d expected=%d",
                    result.subscribers, Double(result.p99Microseconds) / 1000, result.delivered, result.expected))
        }
    }
}
