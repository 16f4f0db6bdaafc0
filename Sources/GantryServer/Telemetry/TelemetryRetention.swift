import GantryCore
import GantryStorage
import Logging
import ServiceLifecycle

/// Applies the retention rules on a timer, so old history leaves the disk without anyone asking.
public struct TelemetryRetention: Service {
    let store: any TelemetryStore
    let rules: [RetentionRule]
    let interval: Duration
    let logger: Logger

    public init(platform: Platform) throws {
        store = platform.telemetry.store
        rules = try platform.configuration.retentionRules()
        interval = .seconds(platform.configuration.telemetryRetentionIntervalSeconds)
        logger = platform.logger
    }

    public func run() async throws {
        guard !rules.isEmpty else { return }
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let report = try await store.applyRetention(rules, now: Timestamp.now.millisecondsSinceEpoch)
                if report.droppedChunks > 0 {
                    logger.info(
                        "telemetry retention dropped old history",
                        metadata: ["chunks": "\(report.droppedChunks)", "freedBytes": "\(report.freedBytes)"])
                }
            } catch {
                logger.error("telemetry retention failed; retrying next round", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
