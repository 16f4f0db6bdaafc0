extension SimulatedPlant {
    static let qingdaoMine = SimulatedSite(
        enterprise: "qingdao-mine", name: "Qingdao gold mine",
        description: "Underground gold mine: battery locomotive haulage, main ventilation and a shaft hoist.")

    static let qingdaoMineEquipment: [SimulatedAsset] = [
        SimulatedAsset(
            "qingdao-mine/underground/haulage/loco-01", "Locomotive 01", type: "electric-locomotive",
            extraTags: [
                SimulatedTag("ore_load", .double, unit: "t", min: 0, max: 24, description: "Ore in the train's cars"),
                SimulatedTag("camera_online", .bool, description: "Cab camera streaming"),
            ],
            model: .electricLocomotive),
        SimulatedAsset(
            "qingdao-mine/underground/ventilation/fan-01", "Main ventilation fan 01",
            tags: [
                SimulatedTag("airflow", .double, unit: "m³/s", min: 0, max: 250, description: "Air volume delivered"),
                SimulatedTag("vibration", .double, unit: "mm/s", min: 0, max: 50, description: "Bearing vibration"),
                SimulatedTag("motor_current", .double, unit: "A", min: 0, max: 400, description: "Fan motor current"),
                SimulatedTag(
                    "bearing_temperature", .double, unit: "°C", min: 0, max: 120, description: "Drive-end bearing"),
            ],
            model: .ventilationFan),
        SimulatedAsset(
            "qingdao-mine/surface/shaft/hoist-01", "Shaft hoist 01",
            tags: [
                SimulatedTag("rope_speed", .double, unit: "m/s", min: 0, max: 12, description: "Rope speed"),
                SimulatedTag("load", .double, unit: "t", min: 0, max: 15, description: "Payload in the skip"),
                SimulatedTag("brake_engaged", .bool, description: "Service brake applied"),
                SimulatedTag(
                    "skip_depth", .double, unit: "m", min: 0, max: 620, description: "Skip depth below the collar"),
            ],
            model: .shaftHoist),
    ]

    static let qingdaoMineDevices: [SimulatedDevice] = [
        SimulatedDevice(
            "loco-01-plc", asset: "qingdao-mine/underground/haulage/loco-01", transport: .sparkplug,
            every: .seconds(1), publishes: ["qingdao-mine/underground/haulage/loco-01"]),
        SimulatedDevice(
            "fan-01-plc", asset: "qingdao-mine/underground/ventilation/fan-01", transport: .json,
            every: .seconds(2), publishes: ["qingdao-mine/underground/ventilation/fan-01"]),
        SimulatedDevice(
            "hoist-01-plc", asset: "qingdao-mine/surface/shaft/hoist-01", transport: .json, every: .seconds(1),
            publishes: ["qingdao-mine/surface/shaft/hoist-01"]),
    ]
}
