import NIOCore
import Synchronization

/// Publishes the broker's counters as retained messages under `$SYS/broker/` every interval,
/// as mosquitto does, so any MQTT tool can watch the broker.
final class StatisticsPublisher: Sendable {
    let broker: MQTTBroker
    private let stopped = Atomic<Bool>(false)

    init(broker: MQTTBroker) {
        self.broker = broker
    }

    /// Publishes until `stop()` or task cancellation.
    func run() async {
        let interval = broker.configuration.statisticsInterval
        var elapsed = interval
        while !stopped.load(ordering: .relaxed), !Task.isCancelled {
            guard interval > 0 else {
                try? await Task.sleep(for: .milliseconds(200))
                continue
            }
            if elapsed >= interval {
                publish()
                elapsed = 0
            }
            try? await Task.sleep(for: .seconds(1))
            elapsed += 1
        }
    }

    func stop() { stopped.store(true, ordering: .relaxed) }

    private func publish() {
        var values = broker.statistics.snapshot
        values.append(("sessions", broker.sessionCount))
        values.append(("retained messages/count", broker.retainedCount))
        for (name, value) in values {
            broker.publish(
                ApplicationMessage(
                    topic: "$SYS/broker/" + name, payload: ByteBuffer(string: String(value)),
                    qos: .atMostOnce, retain: true))
        }
    }
}
