import GantryControl

/// A signal model that the platform can also drive: it runs its automatic cycle until its first accepted
/// command, then follows commands only (remote mode), and keeps the teleoperation dead-man's switch itself,
/// as a real controller does, so the platform is never the only safety layer.
///
/// Pure like every model: commands, heartbeats and watchdog stops happen at given times, and the watchdog is
/// checked on every 200 ms tick whenever the model is stepped, so the stop lands on the same tick however
/// often the model is stepped.
protocol RemotelyOperable: SignalModel {
    /// Carries out `command`, already checked against the ``CommandCatalogue`` and admitted by the device's
    /// ``CommandGate``, at `time`; the caller has stepped the model to `time` first.
    mutating func perform(_ command: DeviceCommand, at time: Int64) -> RemoteOutcome

    /// A teleoperation heartbeat arrived at `time`; the first one starts a watchdog session. The caller has
    /// stepped the model to `time` first, so a stop that was already due is not undone by a late beat.
    mutating func heartbeat(at time: Int64)

    /// What happened since the last call: finished or cut-short commands and watchdog stops, in order.
    mutating func takeEvents() -> [RemoteEvent]
}

/// The teleoperation part every remotely operable model shares: the heartbeat watchdog and the events
/// waiting to be reported.
struct Teleoperation: Hashable, Sendable {
    var watchdog = HeartbeatWatchdog()
    private var events: [RemoteEvent] = []

    /// Events kept while nobody collects them (a device offline); the oldest go first.
    static let eventLimit = 64

    mutating func record(_ event: RemoteEvent) {
        if events.count >= Self.eventLimit { events.removeFirst() }
        events.append(event)
    }

    mutating func take() -> [RemoteEvent] {
        defer { events = [] }
        return events
    }

    /// Checks the watchdog at tick time `time`: when a session's heartbeats have gone quiet, ends the session,
    /// records the stop and returns `true`, and the model goes to its safe state in this very tick.
    mutating func requiresSafeStop(at time: Int64) -> Bool {
        guard let last = watchdog.lastHeartbeat, watchdog.requiresSafeStop(now: time) else { return false }
        watchdog.end()
        record(.safeStop(lastHeartbeat: last, at: time))
        return true
    }
}

extension DeviceCommand {
    /// The number argument `name` (the catalogue has checked it is there).
    func number(_ name: String) -> Double {
        if case .number(let value)? = args[name] { value } else { 0 }
    }

    /// The boolean argument `name`.
    func flag(_ name: String) -> Bool {
        if case .bool(let value)? = args[name] { value } else { false }
    }

    /// The word argument `name`.
    func word(_ name: String) -> String {
        if case .text(let value)? = args[name] { value } else { "" }
    }
}
