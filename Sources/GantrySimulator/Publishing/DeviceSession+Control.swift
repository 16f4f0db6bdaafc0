import GantryControl
import GantryCore
import GantryMQTT
import NIOCore
import Synchronization

/// The device side of remote control: commands and heartbeats arrive on the device's own control topics over
/// the connection it publishes on; reports and heartbeat echoes go back the same way. The control cycle runs
/// every 200 ms model tick for as long as the device runs, connected or not, so the watchdog stops the machine
/// on time even when the link is what failed.
extension DeviceSession {
    /// The connection the control road currently uses, shared by the message callback, the control cycle and the
    /// connection loop; `nil` while disconnected (reports and echoes are then dropped: the platform expires
    /// what it hears nothing about).
    final class ControlLink: Sendable {
        let client = Mutex<MQTTClient?>(nil)

        func send(_ message: some Encodable, to topic: ControlTopic, qos: QoS) {
            guard let client = client.withLock({ $0 }) else { return }
            let packet = PublishPacket(
                topic: topic.description, payload: ByteBuffer(bytes: ControlWire.encode(message)), qos: qos)
            _ = client.publish(packet)
        }
    }

    /// The filter the device subscribes to on every connection.
    var controlFilter: String { ControlTopic.deviceFilter(enterprise: device.enterprise, device: device.name) }

    func controlTopic(_ kind: ControlTopic.Kind) -> ControlTopic {
        ControlTopic(enterprise: device.enterprise, device: device.name, kind: kind)
    }

    /// Handles one message on the device's control topics, on the connection's event loop: quick, no waiting.
    func handleControl(topic name: String, payload: [UInt8], link: ControlLink) {
        guard let topic = ControlTopic(name), topic == controlTopic(topic.kind) else { return }
        let now = clock.now()
        switch topic.kind {
        case .command:
            let command: DeviceCommand
            do {
                command = try ControlWire.decode(DeviceCommand.self, from: payload)
            } catch {
                // No id to answer: the platform will see the command expire.
                logger.info("malformed control command ignored", metadata: ["error": "\(error)"])
                return
            }
            let reports = simulator.simulation.withLock { $0.receive(command, device: device.name, at: now) }
            for report in reports {
                logger.info(
                    "control command \(report.status.rawValue)",
                    metadata: [
                        "control.command_id": "\(command.id)", "control.command": "\(command.name)",
                        "control.sequence": "\(command.sequence)", "asset.path": "\(command.equipment)",
                        "control.reason": "\(report.reason ?? "")",
                    ])
                link.send(report, to: controlTopic(.report), qos: .atLeastOnce)
            }
        case .heartbeat:
            guard let beat = try? ControlWire.decode(TeleoperationHeartbeat.self, from: payload) else {
                logger.debug("malformed teleoperation heartbeat ignored")
                return
            }
            let echo = simulator.simulation.withLock { $0.receive(beat, device: device.name, at: now) }
            if let echo { link.send(echo, to: controlTopic(.heartbeatEcho), qos: .atMostOnce) }
        case .report, .heartbeatEcho:
            return
        }
    }

    /// Advances the device's remote equipment every model tick until the task ends: reports commands that finish
    /// or fail on their own and logs each watchdog stop.
    func runControlCycle(_ link: ControlLink) async {
        var next = (clock.now().floorDivided(by: tickMilliseconds) + 1) * tickMilliseconds
        while (try? await clock.sleep(until: next)) != nil {
            let now = clock.now()
            let events = simulator.simulation.withLock { $0.advanceControl(device: device.name, to: now) }
            for event in events {
                switch event {
                case .report(let report):
                    link.send(report, to: controlTopic(.report), qos: .atLeastOnce)
                case .safeStop(let equipment, let last, let at):
                    logger.info(
                        "teleoperation heartbeats lost: safe stop",
                        metadata: [
                            "asset.path": "\(equipment)", "control.last_heartbeat": "\(last)",
                            "control.stopped_at": "\(at)",
                        ])
                }
            }
            next = max(next, now.floorDivided(by: tickMilliseconds) * tickMilliseconds) + tickMilliseconds
        }
    }
}
