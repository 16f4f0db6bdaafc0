import GantryCore

/// The interlocks of each remotely operable equipment type, over the type's own tags (so every such
/// equipment has them), and the check the platform runs on a command.
public enum InterlockCatalogue {
    public static func interlocks(for type: String) -> [Interlock] {
        switch type {
        case "electric-locomotive": locomotive
        case "overhead-crane": crane
        default: []
        }
    }

    /// Refuses a command that an interlock of its equipment forbids now, naming the interlock. An emergency
    /// stop is never refused.
    public static func check(
        _ command: CommandDefinition, arguments: [String: CommandValue], type: String,
        readings: [String: InterlockReading], now: Int64
    ) throws(ControlError) {
        guard command.hazard != .emergencyStop else { return }
        for interlock in interlocks(for: type) where interlock.applies(to: command.name, arguments: arguments) {
            switch interlock.status(readings[interlock.tag], now: now) {
            case .clear:
                continue
            case .active:
                throw ControlError(
                    .interlocked, "interlock \(interlock.name) forbids \(command.name): \(interlock.summary)")
            case .unknown:
                throw ControlError(
                    .interlocked,
                    "interlock \(interlock.name) forbids \(command.name): no current good value of \(interlock.tag), "
                        + "so it cannot show that it is safe (\(interlock.summary))")
            }
        }
    }

    static func number(_ value: SampleValue) -> Double? {
        switch value {
        case .double(let number): number
        case .int(let number): Double(number)
        case .bool, .string: nil
        }
    }

    static func isTrue(_ value: SampleValue) -> Bool {
        if case .bool(let flag) = value { return flag }
        return (number(value) ?? 0) != 0
    }

    static let locomotive: [Interlock] = [
        Interlock(
            "emergency-stop-latched", "nothing moves while the emergency stop is latched; reset it first",
            tag: "emergency_stop", commands: ["set_speed", "set_direction"], forbids: isTrue),
        Interlock(
            "brake-applied", "no traction while the service brake is applied", tag: "brake_pressure",
            commands: ["set_speed"], guards: { ($0["speed"].flatMap(\.number) ?? 0) > 0 },
            forbids: { (number($0) ?? .infinity) > 0.5 }),
        Interlock(
            "moving", "the direction changes only at standstill", tag: "speed", commands: ["set_direction"],
            forbids: { (number($0) ?? .infinity) > 0.05 }),
    ]

    static let crane: [Interlock] = [
        Interlock(
            "emergency-stop-latched", "nothing moves while the emergency stop is latched; reset it first",
            tag: "emergency_stop", commands: ["jog", "hoist", "lower"], forbids: isTrue),
        Interlock(
            "load-limiter", "no hoisting while the load limiter is tripped", tag: "overload", commands: ["hoist"],
            forbids: isTrue),
        Interlock(
            "high-wind", "no travel or hoisting in wind above 20 m/s", tag: "wind_speed",
            commands: ["jog", "hoist", "lower"], forbids: { (number($0) ?? .infinity) > 20 }),
    ]
}

extension CommandValue {
    /// The number, if this is one.
    public var number: Double? {
        if case .number(let number) = self { return number }
        return nil
    }
}
