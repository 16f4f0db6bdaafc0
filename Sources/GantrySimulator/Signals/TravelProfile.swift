/// Motion along one axis towards a target: accelerate, cruise, brake so as to stop on the target.
///
/// Shared by everything that travels (locomotive, hoist skip, vehicles, crane axes), so every one of them
/// respects its speed limit and never overshoots its end stops.
struct TravelProfile: Sendable, Hashable {
    var position: Double
    /// Ground speed, never negative; the direction follows from the target.
    private(set) var speed: Double = 0
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
        position += target > position ? travelled : -travelled
        return phase
    }

    /// Stops at once where it stands (an emergency stop, or the end of a task).
    mutating func halt() {
        speed = 0
    }
}
