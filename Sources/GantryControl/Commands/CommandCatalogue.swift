/// The commands each remotely operable equipment type understands. Ranges match the equipment types'
/// tag ranges (a locomotive's speed tag runs 0–12 m/s, so "set speed" takes 0–12 m/s).
public enum CommandCatalogue {
    /// The commands of the equipment type `type`, or `nil` for a type that cannot be operated remotely.
    public static func commands(for type: String) -> [CommandDefinition]? {
        switch type {
        case "electric-locomotive": locomotive
        case "overhead-crane": crane
        default: nil
        }
    }

    /// The command `name` of `type`.
    public static func command(_ name: String, for type: String) throws(ControlError) -> CommandDefinition {
        guard let commands = commands(for: type) else {
            throw ControlError(.unknownCommand, "equipment of type '\(type)' cannot be operated remotely")
        }
        guard let command = commands.first(where: { $0.name == name }) else {
            throw ControlError(
                .unknownCommand,
                "a \(type) has no command '\(name)'; it has \(commands.map(\.name).joined(separator: ", "))")
        }
        return command
    }

    static let locomotive: [CommandDefinition] = [
        .init(
            "set_speed", "Drive at a target ground speed", hazard: .motion,
            arguments: [.init("speed", .number(unit: "m/s", range: 0...12), "target ground speed")]),
        .init(
            "set_direction", "Select the direction of travel (only at standstill)", hazard: .motion,
            arguments: [.init("direction", .choice(["forward", "neutral", "reverse"]), "direction of travel")]),
        .init(
            "brake", "Apply or release the service brake", hazard: .hazardous,
            arguments: [.init("applied", .bool, "true applies the brake, false releases it")]),
        .init(
            "horn", "Sound the horn", hazard: .low,
            arguments: [.init("seconds", .number(unit: "s", range: 0.2...5), "how long")]),
        .init(
            "lights", "Switch the head lights", hazard: .low, arguments: [.init("on", .bool, "true switches them on")]),
        .init("emergency_stop", "Stop at once with full braking and cut traction", hazard: .emergencyStop),
        .init(
            "reset_emergency_stop", "Release a latched emergency stop (the brake stays applied)",
            hazard: .hazardous),
    ]

    static let crane: [CommandDefinition] = [
        .init(
            "jog", "Move the bridge (x), the trolley (y) or the hook (z) by a distance", hazard: .motion,
            arguments: [
                .init("axis", .choice(["x", "y", "z"]), "which axis"),
                .init("distance", .number(unit: "m", range: -5...5), "how far, signed"),
            ]),
        .init(
            "hoist", "Raise the hook at a speed", hazard: .hazardous,
            arguments: [.init("speed", .number(unit: "m/s", range: 0.01...0.5), "hoisting speed")]),
        .init(
            "lower", "Lower the hook at a speed", hazard: .hazardous,
            arguments: [.init("speed", .number(unit: "m/s", range: 0.01...0.5), "lowering speed")]),
        .init("stop", "Stop every motion and hold the load", hazard: .motion),
        .init("emergency_stop", "Stop at once, set the brakes and cut power", hazard: .emergencyStop),
        .init(
            "reset_emergency_stop", "Release a latched emergency stop (the brakes stay set)", hazard: .hazardous),
    ]
}
