import GantryControl

/// The locomotive's controller in remote mode: a speed target with a direction selector, a service brake,
/// a latched emergency stop, horn and lights. A value with no clock; the model advances it tick by tick.
///
/// Interlocks a real drive has: the direction changes only at standstill and there is no traction in
/// neutral; applying the brake cuts traction and zeroes the target, so releasing it never starts the train
/// by itself; a latched emergency stop refuses all motion until it is reset, which only works at standstill
/// and leaves the brake applied. Near either end of the drift the speed is held to what the service brake
/// can stop in the distance left, so the train never hits a buffer stop.
struct RemoteLocomotive: Hashable, Sendable {
    private(set) var speed: Double
    private(set) var targetSpeed: Double
    /// -1 reverse, 0 neutral, 1 forward (towards the loading end); never 0 while moving.
    private(set) var direction: Int64
    private(set) var brakeApplied = false
    private(set) var emergencyStop = false
    private(set) var lightsOn = false
    private(set) var hornUntil: Int64 = 0
    /// How the wheels were braked in the last tick, for the brake cylinder pressure.
    private(set) var braking = Braking.released
    /// Acceleration from traction in the last tick (m/s²), `nil` while traction is cut.
    private(set) var traction: Double?

    enum Braking: Hashable, Sendable {
        case released, service, applied, emergency
    }

    static let acceleration = 0.3
    static let serviceDeceleration = 0.5
    static let emergencyDeceleration = 1.2
    static let track = LocomotiveModel.dumpEnd...LocomotiveModel.loadingEnd

    /// Takes over a locomotive running at `speed` in direction `heading` (0 at standstill): it keeps its
    /// speed and direction until told otherwise.
    init(takingOverAt speed: Double, heading: Int64) {
        self.speed = speed
        self.targetSpeed = speed
        self.direction = speed > 0 ? heading : 0
    }

    var isStandingStill: Bool { speed < 0.01 }

    mutating func perform(_ command: DeviceCommand, at time: Int64) -> RemoteOutcome {
        let latched = "the emergency stop is latched; reset it at standstill first"
        switch command.name {
        case "set_speed":
            guard !emergencyStop else { return .refused(latched) }
            targetSpeed = command.number("speed")
        case "set_direction":
            guard !emergencyStop else { return .refused(latched) }
            guard isStandingStill else {
                return .refused("moving at \(speed.rounded(places: 2)) m/s: the direction changes only at standstill")
            }
            direction = ["reverse": -1, "neutral": 0, "forward": 1][command.word("direction")] ?? 0
        case "brake":
            let applied = command.flag("applied")
            guard applied || !emergencyStop else { return .refused(latched) }
            brakeApplied = applied
            if applied { targetSpeed = 0 }
        case "horn":
            hornUntil = time + Int64(command.number("seconds") * 1000)
        case "lights":
            lightsOn = command.flag("on")
        case "emergency_stop":
            emergencyStop = true
            brakeApplied = true
            targetSpeed = 0
        case "reset_emergency_stop":
            guard isStandingStill else {
                return .refused("still moving at \(speed.rounded(places: 2)) m/s: reset only at standstill")
            }
            emergencyStop = false
        default:
            return .refused("a locomotive has no command '\(command.name)'")
        }
        return .completed
    }

    /// The safe state the heartbeat watchdog orders: brake to standstill and stay braked.
    mutating func safeStop() {
        targetSpeed = 0
        brakeApplied = true
    }

    /// Runs one tick of `seconds`, moving `position` along the track.
    mutating func advance(position: inout Double, seconds: Double) {
        let before = speed
        traction = nil
        if emergencyStop {
            braking = .emergency
            speed = max(0, speed - Self.emergencyDeceleration * seconds)
        } else if brakeApplied {
            braking = .applied
            speed = max(0, speed - Self.serviceDeceleration * seconds)
        } else if direction == 0 {
            braking = .released
            speed = 0
        } else {
            let remaining = direction > 0 ? Self.track.upperBound - position : position - Self.track.lowerBound
            let allowed = min(targetSpeed, (2 * Self.serviceDeceleration * max(0, remaining)).squareRoot())
            if speed > allowed {
                braking = .service
                speed = max(allowed, speed - Self.serviceDeceleration * seconds)
            } else {
                braking = .released
                speed = min(allowed, speed + Self.acceleration * seconds)
                traction = speed > 0 ? (speed - before) / seconds : nil
            }
        }
        let next = position + Double(direction) * (before + speed) / 2 * seconds
        position = next.clamped(to: Self.track)
        if position != next { speed = 0 }
    }
}
