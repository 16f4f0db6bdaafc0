import GantryControl
import GantryCore

/// What devices say back: reports on commands and teleoperation heartbeat echoes.
extension ControlService {
    /// Handles one device message. A report is believed only from the device the command went to and for
    /// the sequence it was sent as; anything else is logged and dropped.
    func receive(_ message: ControlInbox.Message) async {
        let device = DeviceAddress(enterprise: message.topic.enterprise, name: message.topic.device)
        switch message.topic.kind {
        case .report:
            do {
                let report = try ControlWire.decode(DeviceCommandReport.self, from: message.payload)
                await apply(report, from: device)
            } catch {
                logger.warning("a device report was malformed", metadata: ["device": "\(device)", "error": "\(error)"])
            }
        case .heartbeatEcho:
            guard let echo = try? ControlWire.decode(TeleoperationHeartbeat.self, from: message.payload) else {
                logger.debug("a heartbeat echo was malformed", metadata: ["device": "\(device)"])
                return
            }
            echoed(echo, from: device)
        case .command, .heartbeat:
            return
        }
    }

    private func apply(_ report: DeviceCommandReport, from device: DeviceAddress) async {
        let now = timing.now()
        guard var command = open[report.id] else {
            logger.info(
                "a device reported on a command that is not open",
                metadata: ["device": "\(device)", "command": "\(report.id)", "control.status": "\(report.status)"])
            if report.status == .accepted || report.status == .completed {
                await writeLogged(
                    [],
                    [
                        audit(
                            "gantry", "command.late_report", report.id,
                            "\(device) reported \(report.status.rawValue) after the command had ended", at: now)
                    ], at: now)
            }
            return
        }
        guard command.device == device, command.record.sequence == report.sequence else {
            logger.warning(
                "a report did not match its command's device or sequence; ignored",
                metadata: ["device": "\(device)", "command": "\(report.id)"])
            return
        }
        do {
            switch report.status {
            case .accepted: try command.record.acknowledge(at: now)
            case .completed: try command.record.complete(at: now)
            case .rejected: try command.record.reject(report.reason ?? "refused by the device", at: now)
            case .failed: try command.record.fail(report.reason ?? "the device could not carry it out", at: now)
            }
        } catch {
            logger.info(
                "a device report did not fit its command's state",
                metadata: ["command": "\(report.id)", "error": "\(error)"])
            return
        }
        open[report.id] = command.record.state.isFinal ? nil : command
        let detail = [report.reason, "device time \(report.at)"].compactMap { $0 }.joined(separator: "; ")
        await writeLogged(
            [(command.record, command.device)],
            [audit(device.description, "command.\(command.record.state.rawValue)", report.id, detail, at: now)], at: now
        )
        publish(command.record)
    }
}
