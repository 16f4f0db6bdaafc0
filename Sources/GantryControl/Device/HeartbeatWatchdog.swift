/// The device's dead-man's switch for teleoperation: while an operator drives, heartbeats must keep
/// arriving; when none has come for ``intervalMilliseconds`` the machine goes to its safe state by itself
/// (the locomotive brakes, the crane stops and holds), whatever the platform or the link are doing.
public struct HeartbeatWatchdog: Hashable, Sendable {
    public let intervalMilliseconds: Int64
    /// When the last heartbeat arrived; `nil` while no session runs.
    public private(set) var lastHeartbeat: Int64?

    /// 500 ms by default: about two missed heartbeats at the console's 200 ms rhythm.
    public init(intervalMilliseconds: Int64 = 500) {
        self.intervalMilliseconds = intervalMilliseconds
    }

    /// A heartbeat arrived; a session runs from the first one.
    public mutating func beat(at time: Int64) {
        lastHeartbeat = max(time, lastHeartbeat ?? time)
    }

    /// Ends the session on purpose (the operator released control); the machine is then stopped by the
    /// operator's last command, not by the watchdog.
    public mutating func end() {
        lastHeartbeat = nil
    }

    /// Whether the machine must stop now: a session runs and its heartbeats have gone quiet.
    public func requiresSafeStop(now: Int64) -> Bool {
        guard let lastHeartbeat else { return false }
        return now - lastHeartbeat >= intervalMilliseconds
    }
}
