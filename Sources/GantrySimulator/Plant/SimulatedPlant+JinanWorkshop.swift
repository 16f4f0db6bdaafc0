extension SimulatedPlant {
    static let jinanWorkshop = SimulatedSite(
        enterprise: "jinan-workshop", name: "Jinan electrical-equipment workshop",
        description: "Machining and assembly of switchgear parts, with AGVs, a rail-guided vehicle and a crane.")

    static let productionCounts = [
        SimulatedTag("good_count", .int, min: 0, description: "Good parts since the counter was reset"),
        SimulatedTag("scrap_count", .int, min: 0, description: "Scrapped parts since the counter was reset"),
    ]

    static let vehicleTask = SimulatedTag("task", .string, description: "Current transport order")

    static let jinanWorkshopEquipment: [SimulatedAsset] = [
        SimulatedAsset(
            "jinan-workshop/machining/line-1/cnc-01", "CNC machining centre 01", type: "cnc-machine",
            extraTags: productionCounts, model: .cncMachine),
        SimulatedAsset(
            "jinan-workshop/machining/line-1/cnc-02", "CNC lathe 02", type: "cnc-machine",
            extraTags: productionCounts, model: .cncMachine),
        SimulatedAsset(
            "jinan-workshop/machining/line-1/rgv-01", "Rail-guided vehicle 01", type: "agv",
            extraTags: [
                SimulatedTag("track_position", .double, unit: "m", min: 0, max: 40, description: "Position on rail"),
                vehicleTask,
            ],
            model: .railGuidedVehicle),
        SimulatedAsset(
            "jinan-workshop/machining/line-1/power-meter-01", "Line 1 power meter",
            tags: [
                SimulatedTag("current", .double, unit: "A", min: 0, max: 400, description: "Line feeder current"),
                SimulatedTag("voltage", .double, unit: "V", min: 0, max: 450, description: "Line-to-line voltage"),
                SimulatedTag("active_power", .double, unit: "kW", min: 0, max: 300, description: "Active power"),
            ],
            model: .powerMeter),
        SimulatedAsset(
            "jinan-workshop/machining/line-1/env-01", "Line 1 environment sensor",
            tags: [
                SimulatedTag(
                    "sound_level", .double, unit: "dB", min: 30, max: 120, description: "Sound pressure level"),
                SimulatedTag("light_level", .double, unit: "lx", min: 0, max: 2000, description: "Illuminance"),
            ],
            model: .environmentSensor),
        SimulatedAsset(
            "jinan-workshop/assembly/line-2/cell-1", "Assembly cell 1",
            tags: [
                SimulatedTag("state", .string, description: "Cell state (running, idle, down, setup)"),
                SimulatedTag("cycle_time", .double, unit: "s", min: 0, max: 600, description: "Last cycle time"),
            ] + productionCounts,
            model: .assemblyCell),
        SimulatedAsset(
            "jinan-workshop/assembly/line-2/conveyor-01", "Assembly conveyor 01", type: "conveyor",
            model: .conveyor),
        SimulatedAsset(
            "jinan-workshop/assembly/bay-1/crane-01", "Overhead crane 01", type: "overhead-crane",
            model: .overheadCrane),
        SimulatedAsset(
            "jinan-workshop/logistics/fleet/agv-01", "AGV 01", type: "agv", extraTags: [vehicleTask], model: .agv),
        SimulatedAsset(
            "jinan-workshop/logistics/fleet/agv-02", "AGV 02", type: "agv", extraTags: [vehicleTask], model: .agv),
    ]

    static let jinanWorkshopDevices: [SimulatedDevice] = [
        SimulatedDevice(
            "cnc-01-plc", asset: "jinan-workshop/machining/line-1/cnc-01", transport: .json, every: .seconds(2),
            publishes: ["jinan-workshop/machining/line-1/cnc-01"]),
        SimulatedDevice(
            "cnc-02-plc", asset: "jinan-workshop/machining/line-1/cnc-02", transport: .json, every: .seconds(2),
            publishes: ["jinan-workshop/machining/line-1/cnc-02"]),
        SimulatedDevice(
            "rgv-01-plc", asset: "jinan-workshop/machining/line-1/rgv-01", transport: .json, every: .seconds(1),
            publishes: ["jinan-workshop/machining/line-1/rgv-01"]),
        SimulatedDevice(
            "line-1-sensors", asset: "jinan-workshop/machining/line-1", transport: .json, every: .seconds(5),
            publishes: ["jinan-workshop/machining/line-1/power-meter-01", "jinan-workshop/machining/line-1/env-01"]),
        SimulatedDevice(
            "line-2-gateway", asset: "jinan-workshop/assembly/line-2", transport: .json, every: .seconds(2),
            publishes: ["jinan-workshop/assembly/line-2/cell-1", "jinan-workshop/assembly/line-2/conveyor-01"]),
        SimulatedDevice(
            "crane-01-plc", asset: "jinan-workshop/assembly/bay-1/crane-01", transport: .json, every: .seconds(1),
            publishes: ["jinan-workshop/assembly/bay-1/crane-01"]),
        SimulatedDevice(
            "agv-01-controller", asset: "jinan-workshop/logistics/fleet/agv-01", transport: .json,
            every: .seconds(1), publishes: ["jinan-workshop/logistics/fleet/agv-01"]),
        SimulatedDevice(
            "agv-02-controller", asset: "jinan-workshop/logistics/fleet/agv-02", transport: .json,
            every: .seconds(1), publishes: ["jinan-workshop/logistics/fleet/agv-02"]),
    ]
}
