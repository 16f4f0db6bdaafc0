import Foundation
import GantryConnectors
import Synchronization

/// A connector sink that counts readings and remembers when good ones and link losses arrived.
final class BenchSink: ConnectorSink {
    private struct State {
        var readings = 0
        var lastGood: Double = 0
        var linkDown = false
    }

    private let state = Mutex(State())

    var readings: Int { state.withLock { $0.readings } }

    func deliver(_ readings: [PointReading]) async {
        let now = Self.now()
        let good = readings.contains { $0.point.quality.severity == .good }
        state.withLock { state in
            state.readings += readings.count
            if good { state.lastGood = now }
        }
    }

    func linkChanged(online: Bool, reason: String?) async {
        state.withLock { $0.linkDown = !online }
    }

    /// Waits (at most a minute) for a good reading that arrived after `time`; returns when it arrived.
    @discardableResult
    func waitForGoodReading(after time: Double) async throws -> Double {
        for _ in 0..<60_000 {
            let last = state.withLock { $0.lastGood }
            if last > time { return last }
            try await Task.sleep(for: .milliseconds(1))
        }
        throw BenchError("no good reading within a minute")
    }

    /// Waits (at most a minute) until the connector reports its link down.
    func waitForLinkDown() async throws {
        for _ in 0..<6_000 {
            if state.withLock({ $0.linkDown }) { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw BenchError("the connector did not notice the peer's death within a minute")
    }

    /// Milliseconds on a monotonic clock.
    static func now() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) / 1e6
    }
}
