/// Motion along one axis towards a target: accelerate, cruise, brake so as to stop on the target.
///
/// Shared by everything that travels (locomotive, hoist skip, vehicles, crane axes), so every one of them
/// respects its speed limit and never overshoots its end stops.
struct TravelProfile: Sendable, Hashable {
    var position: Double
    /// Ground speed, never negative; the direction follows from the target.
    private(set) var speed: Double = 0
    /// The way it last moved: +1 towards higher positions, -1 towards lower ones, 0 before it first moved.
    private(set) var heading: Double = 0
    var maximumSpeed: Double
    let acceleration: Double
    let deceleration: Double

    /// What the axis did during the last tick.
    enum Phase: Sendable, Hashable {
        case accelerating, cruising, braking, arrived
    }

    init(position: Double, maximumSpeed: Double, acceleration: Double, deceleration: Double) {
        self.position = position
        self.maximumSpeed = maximumSpeed
        self.acceleration = acceleration
        self.deceleration = deceleration
    }

    /// Moves for `seconds` towards `target`; returns what it did. On arrival it stands exactly on the target.
    mutating func advance(toward target: Double, seconds: Double) -> Phase {
        let remaining = abs(target - position)
        if remaining < 0.001 && speed < 0.01 {
            position = target
            speed = 0
            return .arrived
        }
        let phase: Phase
        let brakingDistance = speed * speed / (2 * deceleration)
        if remaining <= brakingDistance + speed * seconds {
            speed = max(speed - deceleration * seconds, min(0.05, remaining / seconds))
            phase = .braking
        } else if speed < maximumSpeed {
            speed = min(maximumSpeed, speed + acceleration * seconds)
            phase = .accelerating
        } else {
            speed = maximumSpeed
            phase = .cruising
        }
        let travelled = speed * seconds
        if travelled >= remaining {
            position = target
            speed = 0
            return .arrived
        }
        heading = target > position ? 1 : -1
        position += heading * travelled
        return phase
    }

    /// Brakes for `seconds` at the braking rate, carrying on the way it was going, and stays within `limits`;
    /// returns whether it is standing still. For a stop that is not at a chosen target (a stop command, the
    /// heartbeat watchdog), and before a reversal.
    mutating func brake(seconds: Double, within limits: ClosedRange<Double>) -> Bool {
        guard speed > 0 else { return true }
        let slower = max(0, speed - deceleration * seconds)
        let next = position + heading * (speed + slower) / 2 * seconds
        position = next.clamped(to: limits)
        speed = position == next ? slower : 0
        return speed == 0
    }

    /// Stops at once where it stands (an emergency stop, or the end of a task).
    mutating func halt() {
        speed = 0
    }
}
