import GantryControl

/// The crane's controller in remote mode: jogs by a distance on one axis, hoisting and lowering until `stop`
/// or a limit, stop-and-hold, and a latched emergency stop. A value with no clock; the model advances it tick
/// by tick over its three axes.
///
/// Every target lies within the runway, the bridge and the hook's height limits, so no order drives into an
/// end stop; an axis without an order brakes to a standstill and holds; an axis told to go the other way
/// brakes first; a latched emergency stop halts everything at once and refuses all motion until reset.
struct RemoteCrane: Hashable, Sendable {
    enum Axis: String, Hashable, Sendable, CaseIterable {
        /// The bridge along the runway.
        case x
        /// The trolley across the bridge.
        case y
        /// The hook.
        case z

        var limits: ClosedRange<Double> {
            switch self {
            case .x: 0...60
            case .y: 0...20
            case .z: 0.5...12
            }
        }

        /// A moderate jog speed, m/s.
        var jogSpeed: Double {
            switch self {
            case .x: 0.5
            case .y: 0.3
            case .z: 0.1
            }
        }
    }

    /// Where one axis is going, how fast, and the command to report done on arrival (`nil` for hoisting and
    /// lowering, which were reported done when applied).
    struct Order: Hashable, Sendable {
        let target: Double
        let speed: Double
        let command: String?
        let sequence: Int64
    }

    private(set) var orders: [Axis: Order] = [:]
    private(set) var emergencyStop = false

    /// Carries out `command` at `time` given where the axes stand; orders it cuts short go to `events`.
    mutating func perform(
        _ command: DeviceCommand, at time: Int64, positions: [Axis: Double], standing: Bool,
        events: inout [RemoteEvent]
    ) -> RemoteOutcome {
        let latched = "the emergency stop is latched; reset it first"
        switch command.name {
        case "jog":
            guard !emergencyStop else { return .refused(latched) }
            let axis = Axis(rawValue: command.word("axis")) ?? .x
            let position = positions[axis] ?? 0
            let target = (position + command.number("distance")).clamped(to: axis.limits)
            cancel(axis, because: "superseded by jog \(command.id)", at: time, events: &events)
            guard abs(target - position) >= 0.001 else { return .completed }
            orders[axis] = Order(target: target, speed: axis.jogSpeed, command: command.id, sequence: command.sequence)
            return .running
        case "hoist", "lower":
            guard !emergencyStop else { return .refused(latched) }
            cancel(.z, because: "superseded by \(command.name) \(command.id)", at: time, events: &events)
            let limit = command.name == "hoist" ? Axis.z.limits.upperBound : Axis.z.limits.lowerBound
            orders[.z] = Order(target: limit, speed: command.number("speed"), command: nil, sequence: command.sequence)
        case "stop":
            cancelAll(because: "stopped by \(command.id)", at: time, events: &events)
        case "emergency_stop":
            cancelAll(because: "emergency stop \(command.id)", at: time, events: &events)
            emergencyStop = true
        case "reset_emergency_stop":
            guard standing else { return .refused("still moving: reset only at standstill") }
            emergencyStop = false
        default:
            return .refused("an overhead crane has no command '\(command.name)'")
        }
        return .completed
    }

    /// The safe state the heartbeat watchdog orders: every axis brakes to a standstill and holds.
    mutating func safeStop(at time: Int64, events: inout [RemoteEvent]) {
        cancelAll(because: "teleoperation heartbeats lost", at: time, events: &events)
    }

    /// Runs one tick of `seconds` for `axis`; an arrival goes to `events`.
    mutating func advance(
        _ axis: Axis, _ profile: inout TravelProfile, seconds: Double, at time: Int64, events: inout [RemoteEvent]
    ) {
        if emergencyStop {
            profile.halt()
            return
        }
        guard let order = orders[axis] else {
            _ = profile.brake(seconds: seconds, within: axis.limits)
            return
        }
        let towards: Double = order.target > profile.position ? 1 : -1
        if profile.speed > 0 && towards != profile.heading && abs(order.target - profile.position) >= 0.001 {
            _ = profile.brake(seconds: seconds, within: axis.limits)
            return
        }
        profile.maximumSpeed = order.speed
        guard profile.advance(toward: order.target, seconds: seconds) == .arrived else { return }
        orders[axis] = nil
        if let id = order.command { events.append(.finished(command: id, sequence: order.sequence, at: time)) }
    }

    private mutating func cancel(_ axis: Axis, because reason: String, at time: Int64, events: inout [RemoteEvent]) {
        guard let order = orders.removeValue(forKey: axis), let id = order.command else { return }
        events.append(.failed(command: id, sequence: order.sequence, reason: reason, at: time))
    }

    private mutating func cancelAll(because reason: String, at time: Int64, events: inout [RemoteEvent]) {
        for axis in Axis.allCases { cancel(axis, because: reason, at: time, events: &events) }
    }
}
