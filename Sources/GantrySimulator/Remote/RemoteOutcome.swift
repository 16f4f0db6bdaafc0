/// What equipment in remote mode made of a command its device's gate admitted.
enum RemoteOutcome: Hashable, Sendable {
    /// Carried out at once (lights, a brake, a new speed target): accepted and completed.
    case completed
    /// Under way; the model reports the end later as a ``RemoteEvent`` (a jog that reaches its target).
    case running
    /// Refused for safety although the gate admitted it (a direction change while moving, motion under a
    /// latched emergency stop); the reason says which.
    case refused(String)

    var isRefused: Bool {
        if case .refused = self { true } else { false }
    }
}

/// Something remote-mode equipment did on its own between commands, for the device to report or log.
enum RemoteEvent: Hashable, Sendable {
    /// A running command finished at `at` (tick time).
    case finished(command: String, sequence: Int64, at: Int64)
    /// A running command was cut short (by `stop`, an emergency stop, another order, the watchdog).
    case failed(command: String, sequence: Int64, reason: String, at: Int64)
    /// The heartbeat watchdog stopped the machine at tick time `at`; the last beat came at `lastHeartbeat`.
    case safeStop(lastHeartbeat: Int64, at: Int64)
}
