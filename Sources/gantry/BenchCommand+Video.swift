import ArgumentParser
import Foundation
import GantryBench

extension BenchCommand {
    /// `gantry bench video`.
    struct Video: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "One camera pushed over HTTP into `gantry serve`, watched by many MJPEG viewers: frames/s and latency.")

        @Option(help: "MJPEG viewers, each on its own connection.")
        var viewers = 50

        @Option(help: "Frames pushed per second.")
        var rate = 25

        @Option(help: "Seconds of pushing.")
        var seconds = 10

        @Option(help: "Working directory for logs and data (a fresh temporary one by default).")
        var directory: String?

        func run() async throws {
            let root = directory ?? NSTemporaryDirectory() + "gantry-bench-video-\(UUID().uuidString.prefix(8))"
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            defer { if directory == nil { try? FileManager.default.removeItem(atPath: root) } }
            let gantry =
                (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                ?? CommandLine.arguments[0]
            let print: @Sendable (String) -> Void = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
            let result = try await VideoRelayBench.run(
                VideoRelayBench.Options(
                    gantry: gantry, viewers: viewers, rate: rate, seconds: seconds, directory: root),
                print: print)
            print(
                String(
                    format:
                        "  per viewer %.1f frames/s (min) %.1f (median) of %d/s pushed; dropped %d; "
                        + "added latency p50 %.2f ms, p99 %.2f ms, max %.2f ms; server CPU %.1f s",
                    result.minimumFramesPerSecond, result.medianFramesPerSecond, rate, result.dropped,
                    Double(result.p50Microseconds) / 1000, Double(result.p99Microseconds) / 1000,
                    Double(result.maxMicroseconds) / 1000, result.serverCPUSeconds))
        }
    }
}
