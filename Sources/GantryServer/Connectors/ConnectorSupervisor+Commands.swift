import Foundation
import GantryConnectors
import GantryControl
import GantryCore
import GantryMQTT

/// A control command for a device its connector speaks for, taken off the control road.
struct ConnectorCommandJob: Sendable {
    let device: DeviceAddress
    let command: DeviceCommand
}

/// The device side of control for connector devices: a Modbus PLC or an OPC UA server does not subscribe to
/// Gantry's command topic, so its connector takes the command, checks it as a device would (expiry, sequence,
/// a binding for the command), writes the bound points, and reports back on the control road like any device.
/// Control stays the only way to write: nothing else calls a connector's `write`.
extension ConnectorSupervisor {
    /// Carries out commands one at a time, in the order Control sent them, until the platform stops.
    func carryOut(_ jobs: AsyncStream<ConnectorCommandJob>) async {
        var gates: [String: CommandGate] = [:]
        for await job in jobs.cancelOnGracefulShutdown() {
            let reports = await perform(job, gate: &gates[job.device.description, default: CommandGate()])
            for report in reports {
                deliver(report, from: job.device)
            }
        }
    }

    private func perform(_ job: ConnectorCommandJob, gate: inout CommandGate) async -> [DeviceCommandReport] {
        let command = job.command
        let now = DevicePresence.now()
        func report(_ status: DeviceCommandReport.Status, _ reason: String? = nil) -> DeviceCommandReport {
            DeviceCommandReport(
                id: command.id, sequence: command.sequence, status: status, reason: reason, at: DevicePresence.now())
        }
        guard let id = commandable.withLock({ $0[job.device.description] }), let running = running[id] else {
            return [report(.rejected, "no connector runs for \(job.device) any more")]
        }
        switch gate.admit(sequence: command.sequence, expiresAt: command.expiresAt, now: now) {
        case .expired(let late): return [report(.rejected, "expired: arrived \(late) ms after its expiry")]
        case .outOfSequence(let last):
            return [report(.rejected, "out of sequence: sequence \(command.sequence) is not above \(last)")]
        case .accept: break
        }
        let bindings = running.definition.commands.filter { $0.command == command.name }
        guard !bindings.isEmpty else {
            return [report(.rejected, "the connector of \(job.device) has no point bound to '\(command.name)'")]
        }
        var reports = [report(.accepted)]
        for binding in bindings {
            guard let argument = command.args[binding.argument] else {
                return reports + [
                    report(.failed, "argument '\(binding.argument)' missing for point '\(binding.point)'")
                ]
            }
            do {
                try await running.connector.write(point: binding.point, value: argument.sampleValue)
            } catch {
                return reports + [report(.failed, "writing '\(binding.point)': \(error.message)")]
            }
        }
        reports.append(report(.completed))
        return reports
    }

    private func deliver(_ report: DeviceCommandReport, from device: DeviceAddress) {
        inbox.deliver(device.topic(.report), ControlWire.encode(report))
    }
}

extension CommandValue {
    /// The value as a connector writes it.
    var sampleValue: SampleValue {
        switch self {
        case .number(let number): .double(number)
        case .bool(let flag): .bool(flag)
        case .text(let text): .string(text)
        }
    }
}

/// The control road's outlet in front of the broker: commands for a device a connector speaks for go to that
/// connector; everything else is published over MQTT as before.
struct ConnectorControlOutlet: ControlOutlet {
    let broker: any ControlOutlet
    let connectors: ConnectorSupervisor

    func publish(_ topic: ControlTopic, _ payload: [UInt8], qos: QoS) {
        let device = DeviceAddress(enterprise: topic.enterprise, name: topic.device)
        guard topic.kind == .command, connectors.commandable.withLock({ $0[device.description] }) != nil,
            let command = try? ControlWire.decode(DeviceCommand.self, from: payload)
        else {
            broker.publish(topic, payload, qos: qos)
            return
        }
        connectors.commandQueue.yield(ConnectorCommandJob(device: device, command: command))
    }
}
