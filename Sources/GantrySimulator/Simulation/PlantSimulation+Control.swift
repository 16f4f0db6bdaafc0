import GantryControl
import GantryCore

/// Something a device's remote equipment did between commands, for the device to publish or log.
public enum ControlEvent: Hashable, Sendable {
    /// A report to publish on the device's `report` topic: a running command completed or failed.
    case report(DeviceCommandReport)
    /// The heartbeat watchdog sent `equipment` to its safe state at `at`; the last beat came at `lastHeartbeat`.
    case safeStop(equipment: AssetPath, lastHeartbeat: Int64, at: Int64)
}

/// The device side of remote control, still pure: commands pass the device's own ``CommandGate`` and the
/// equipment's interlocks, heartbeats feed the equipment's watchdog, and everything happens at given times.
extension PlantSimulation {
    /// Handles `command` arriving at `device` at `time` (device clock, epoch milliseconds) and returns the
    /// reports to publish, in order: `rejected` with a reason (unknown equipment or command, bad arguments,
    /// expired, out of sequence, refused by an interlock), or `accepted` followed by `completed` for a
    /// command done at once; a running one (a crane jog) completes later through ``advanceControl(device:to:)``.
    public mutating func receive(_ command: DeviceCommand, device name: String, at time: Int64) -> [DeviceCommandReport]
    {
        func report(_ status: DeviceCommandReport.Status, _ reason: String? = nil) -> DeviceCommandReport {
            DeviceCommandReport(id: command.id, sequence: command.sequence, status: status, reason: reason, at: time)
        }
        guard let (path, type) = operable(command.equipment, of: name) else {
            return [report(.rejected, "\(name) drives no remotely operable equipment '\(command.equipment)'")]
        }
        do {
            _ = try CommandCatalogue.command(command.name, for: type).validate(command.args)
        } catch {
            return [report(.rejected, error.message)]
        }
        switch gates[name, default: CommandGate()].admit(
            sequence: command.sequence, expiresAt: command.expiresAt, now: time)
        {
        case .expired(let late):
            return [report(.rejected, "expired: arrived \(late) ms after its expiry")]
        case .outOfSequence(let last):
            return [
                report(
                    .rejected, "out of sequence: sequence \(command.sequence) is not above \(last), the last accepted")
            ]
        case .accept:
            break
        }
        guard var model = models[path] as? any RemotelyOperable else {
            return [report(.rejected, "'\(command.equipment)' cannot be operated remotely")]
        }
        _ = model.step(to: time)
        let outcome = model.perform(command, at: time)
        models[path] = model
        switch outcome {
        case .completed: return [report(.accepted), report(.completed)]
        case .running: return [report(.accepted)]
        case .refused(let reason): return [report(.rejected, reason)]
        }
    }

    /// Feeds a heartbeat arriving at `device` at `time` to its equipment's watchdog and returns the echo to send
    /// back, or `nil` when the device drives no such equipment.
    public mutating func receive(
        _ heartbeat: TeleoperationHeartbeat, device name: String, at time: Int64
    ) -> TeleoperationHeartbeat? {
        guard let (path, _) = operable(heartbeat.equipment, of: name),
            var model = models[path] as? any RemotelyOperable
        else { return nil }
        _ = model.step(to: time)
        model.heartbeat(at: time)
        models[path] = model
        return heartbeat.echoed(at: time)
    }

    /// Steps `device`'s remotely operable equipment to `time` (checking each watchdog on every tick on the
    /// way) and returns what it did since the last call: completed and failed commands, watchdog stops.
    public mutating func advanceControl(device name: String, to time: Int64) -> [ControlEvent] {
        guard let device = plant.device(name) else { return [] }
        var events: [ControlEvent] = []
        for path in device.assets {
            guard var model = models[path] as? any RemotelyOperable else { continue }
            _ = model.step(to: time)
            for event in model.takeEvents() {
                switch event {
                case .finished(let id, let sequence, let at):
                    events.append(.report(DeviceCommandReport(id: id, sequence: sequence, status: .completed, at: at)))
                case .failed(let id, let sequence, let reason, let at):
                    events.append(
                        .report(
                            DeviceCommandReport(id: id, sequence: sequence, status: .failed, reason: reason, at: at)))
                case .safeStop(let last, let at):
                    events.append(.safeStop(equipment: path, lastHeartbeat: last, at: at))
                }
            }
            models[path] = model
        }
        return events
    }

    /// The asset path and equipment type of `equipment` when `device` publishes it and it is remotely operable.
    private func operable(_ equipment: String, of device: String) -> (AssetPath, String)? {
        guard let path = try? AssetPath(equipment), plant.device(device)?.assets.contains(path) == true,
            let type = plant.asset(path)?.equipmentType, CommandCatalogue.commands(for: type) != nil,
            models[path] is any RemotelyOperable
        else { return nil }
        return (path, type)
    }
}

extension SimulatedPlant {
    /// The equipment `device` publishes that the platform can operate remotely (a locomotive, a crane).
    public func operableEquipment(of device: SimulatedDevice) -> [SimulatedAsset] {
        device.assets.compactMap { asset($0) }.filter { asset in
            asset.equipmentType.flatMap(CommandCatalogue.commands(for:)) != nil
        }
    }
}
