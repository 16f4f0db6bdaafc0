/// The equipment types every new Gantry store starts with, drawn from the plants Gantry serves:
/// underground haulage, cranes, machining, intralogistics and conveying.
extension EquipmentType {
    public static let standard: [EquipmentType] = [
        EquipmentType(
            name: "electric-locomotive", displayName: "Electric locomotive",
            description: "Battery or trolley electric locomotive for rail haulage, remotely operable.",
            tags: [
                .init("speed", .double, unit: "m/s", min: 0, max: 12, description: "Ground speed"),
                .init("motor_current", .double, unit: "A", min: 0, max: 600, description: "Traction motor current"),
                .init("battery_soc", .double, unit: "%", min: 0, max: 100, description: "Battery state of charge"),
                .init("brake_pressure", .double, unit: "bar", min: 0, max: 10, description: "Brake cylinder pressure"),
                .init("position", .double, unit: "m", description: "Position along the track"),
                .init("direction", .int, min: -1, max: 1, description: "-1 reverse, 0 neutral, 1 forward"),
                .init("emergency_stop", .bool, description: "Emergency stop engaged"),
            ]),
        EquipmentType(
            name: "overhead-crane", displayName: "Overhead crane",
            description: "Bridge crane with hoist and trolley, remotely operable.",
            tags: [
                .init("hoist_load", .double, unit: "t", min: 0, max: 50, description: "Load on the hook"),
                .init("hoist_height", .double, unit: "m", min: 0, max: 30, description: "Hook height"),
                .init("trolley_position", .double, unit: "m", description: "Trolley position across the bridge"),
                .init("bridge_position", .double, unit: "m", description: "Bridge position along the runway"),
                .init("wind_speed", .double, unit: "m/s", min: 0, max: 40, description: "Wind at the crane"),
                .init("overload", .bool, description: "Load limiter tripped"),
                .init("emergency_stop", .bool, description: "Emergency stop engaged"),
            ]),
        EquipmentType(
            name: "cnc-machine", displayName: "CNC machine",
            description: "Machining centre or lathe.",
            tags: [
                .init("spindle_speed", .double, unit: "rpm", min: 0, max: 24000, description: "Spindle speed"),
                .init("spindle_load", .double, unit: "%", min: 0, max: 150, description: "Spindle load"),
                .init("feed_rate", .double, unit: "mm/min", min: 0, description: "Feed rate"),
                .init("vibration", .double, unit: "mm/s", min: 0, max: 50, description: "Spindle vibration velocity"),
                .init("part_count", .int, min: 0, description: "Parts produced"),
                .init("program", .string, description: "Active NC program"),
                .init("state", .string, description: "Machine state (running, idle, alarm, setup)"),
            ]),
        EquipmentType(
            name: "agv", displayName: "Automated guided vehicle",
            description: "AGV or rail-guided vehicle moving material between stations.",
            tags: [
                .init("battery_soc", .double, unit: "%", min: 0, max: 100, description: "Battery state of charge"),
                .init("speed", .double, unit: "m/s", min: 0, max: 3, description: "Travel speed"),
                .init("x", .double, unit: "m", description: "Position east"),
                .init("y", .double, unit: "m", description: "Position north"),
                .init("load", .double, unit: "kg", min: 0, description: "Carried load"),
                .init("state", .string, description: "Vehicle state (idle, moving, charging, fault)"),
            ]),
        EquipmentType(
            name: "conveyor", displayName: "Belt conveyor",
            description: "Belt conveyor with a drive motor.",
            tags: [
                .init("speed", .double, unit: "m/s", min: 0, max: 6, description: "Belt speed"),
                .init("motor_current", .double, unit: "A", min: 0, description: "Drive motor current"),
                .init("running", .bool, description: "Drive running"),
                .init("item_count", .int, min: 0, description: "Items counted at the outfeed"),
            ]),
    ]
}
