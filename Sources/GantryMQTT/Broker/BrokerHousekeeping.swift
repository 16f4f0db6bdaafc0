import Logging
import NIOCore
import ServiceLifecycle

/// The broker's background duties while it runs: `$SYS/broker/…` statistics as retained messages
/// (as mosquitto publishes them) and saving retained messages and sessions to the state file.
///
/// The state is saved every `saveInterval` seconds when something changed, and once more at
/// shutdown, so a crash loses at most that interval of retained and session changes (the same
/// trade mosquitto's autosave makes); telemetry itself is durable before its PUBACK regardless.
public struct BrokerHousekeeping: Service {
    public let broker: MQTTBroker
    /// Where retained messages and sessions are saved; nil keeps them in memory only.
    public let stateFile: String?
    public let saveInterval: Int

    public init(broker: MQTTBroker, stateFile: String?, saveInterval: Int = 5) {
        self.broker = broker
        self.stateFile = stateFile
        self.saveInterval = saveInterval
    }

    public func run() async throws {
        let statisticsInterval = broker.configuration.statisticsInterval
        var tick = 0
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            if statisticsInterval > 0, tick % statisticsInterval == 0 { publishStatistics() }
            if tick % max(saveInterval, 1) == 0, broker.hasUnsavedChanges { save() }
            try? await Task.sleep(for: .seconds(1))
            tick += 1
        }
        // The listeners close their connections on shutdown; let their sessions detach before the last save.
        try? await Task.sleep(for: .milliseconds(300))
        save()
    }

    private func save() {
        guard let stateFile else { return }
        do {
            try broker.saveState(to: stateFile)
        } catch {
            broker.logger.error(
                "saving the broker state failed", metadata: ["file": "\(stateFile)", "error": "\(error)"])
        }
    }

    private func publishStatistics() {
        var values = broker.statistics.snapshot
        values.append(("sessions", broker.sessionCount))
        values.append(("retained messages/count", broker.retainedCount))
        for (name, value) in values {
            broker.publish(
                ApplicationMessage(
                    topic: "$SYS/broker/" + name, payload: ByteBuffer(string: String(value)), qos: .atMostOnce,
                    retain: true))
        }
    }
}
