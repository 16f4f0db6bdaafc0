import GantryControl

/// The crane as remotely operable equipment: its first accepted command takes it out of the automatic lift
/// cycle for good (any move under way brakes to a hold); a refused one leaves it as it was.
extension OverheadCraneModel: RemotelyOperable {
    mutating func perform(_ command: DeviceCommand, at time: Int64) -> RemoteOutcome {
        var controller = remote ?? RemoteCrane()
        var events: [RemoteEvent] = []
        let outcome = controller.perform(
            command, at: time, positions: axisPositions, standing: isStandingStill, events: &events)
        guard !outcome.isRefused else { return outcome }
        remote = controller
        for event in events { teleoperation.record(event) }
        return outcome
    }

    mutating func heartbeat(at time: Int64) {
        teleoperation.watchdog.beat(at: time)
    }

    mutating func takeEvents() -> [RemoteEvent] {
        teleoperation.take()
    }
}
