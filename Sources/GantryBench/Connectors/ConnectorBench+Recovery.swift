import Foundation
import GantryConnectors
import ServiceLifecycle

extension ConnectorBench {
    /// Kills the peer `options.restarts` times under a running connector and measures, each time, from the
    /// moment the restarted peer listens again to the first good reading the connector delivers.
    static func recoveries(
        _ options: Options, peer: PeerProcess, print: @escaping @Sendable (String) -> Void,
        connector make: (BenchSink) throws -> any DeviceConnector
    ) async throws -> [Double] {
        let sink = BenchSink()
        let connector = try make(sink)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await connector.run() }
            defer { tasks.cancelAll() }
            try await sink.waitForGoodReading(after: 0)
            var recoveries: [Double] = []
            for round in 1...max(1, options.restarts) {
                await peer.kill()
                try await sink.waitForLinkDown()
                try await Task.sleep(for: .milliseconds(500))
                try await peer.start()
                let listening = BenchSink.now()
                let good = try await sink.waitForGoodReading(after: listening)
                recoveries.append(good - listening)
                print(String(format: "    restart %d: %.0f ms", round, good - listening))
            }
            return recoveries
        }
    }
}
