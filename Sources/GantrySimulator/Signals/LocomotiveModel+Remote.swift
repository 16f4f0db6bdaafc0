import GantryControl

/// The locomotive as remotely operable equipment: its first accepted command takes it out of the automatic
/// shuttle for good; a refused one leaves it as it was.
extension LocomotiveModel: RemotelyOperable {
    mutating func perform(_ command: DeviceCommand, at time: Int64) -> RemoteOutcome {
        var controller = takeOver()
        let outcome = controller.perform(command, at: time)
        if !outcome.isRefused { remote = controller }
        return outcome
    }

    mutating func heartbeat(at time: Int64) {
        teleoperation.watchdog.beat(at: time)
    }

    mutating func takeEvents() -> [RemoteEvent] {
        teleoperation.take()
    }
}
