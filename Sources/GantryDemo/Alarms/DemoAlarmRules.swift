import GantryAlarms
import GantryCore

/// The alarm rules the demo installs: a believable first rule set for the simulated plant, each on tags the
/// simulator really publishes, so the faults an operator injects end in alarms.
///
/// Limits follow the plant's physics: the fan's vibration limits are ISO 10816-3 zone boundaries for a large
/// fan on a rigid foundation (4.5 mm/s "restricted operation", 7.1 mm/s "damage"); the locomotive's current
/// limit sits above the ≈210 A a loaded train draws when it starts. Priorities follow ISA-18.2's four levels,
/// critical kept for what protects people. On-delays keep a single noisy sample, or the moment two tags of one
/// publish disagree, from raising anything.
public enum DemoAlarmRules {
    static let fan = try! AssetPath("qingdao-mine/underground/ventilation/fan-01")
    static let locomotive = try! AssetPath("qingdao-mine/underground/haulage/loco-01")
    static let hoist = try! AssetPath("qingdao-mine/surface/shaft/hoist-01")
    static let cnc01 = try! AssetPath("jinan-workshop/machining/line-1/cnc-01")
    static let cnc02 = try! AssetPath("jinan-workshop/machining/line-1/cnc-02")
    static let crane = try! AssetPath("jinan-workshop/assembly/bay-1/crane-01")
    static let agv01 = try! AssetPath("jinan-workshop/logistics/fleet/agv-01")

    /// Every demo rule, in a stable order.
    public static var standard: [AlarmRule] {
        [
            limit(
                "fan-01-vibration", fan, "vibration", high: 4.5, highHigh: 7.1, deadband: 0.5, priority: .medium,
                highHighPriority: .high, message: "Fan 01 bearing vibration high", onDelay: 10_000, offDelay: 30_000),
            limit(
                "fan-01-bearing-temperature", fan, "bearing_temperature", high: 75, highHigh: 90, deadband: 2,
                priority: .medium, highHighPriority: .high, message: "Fan 01 drive-end bearing temperature high",
                onDelay: 30_000, offDelay: 30_000),
            limit(
                "loco-01-traction-current", locomotive, "motor_current", high: 250, highHigh: 400, deadband: 10,
                priority: .medium, highHighPriority: .high, message: "Locomotive 01 traction motor current high",
                onDelay: 5_000, offDelay: 10_000),
            AlarmRule(
                id: "loco-01-battery", asset: locomotive,
                condition: .limit(
                    LimitCondition(
                        tag: tag(locomotive, "battery_soc"), low: LimitThreshold(25),
                        lowLow: LimitThreshold(15, priority: .high), deadband: 2)),
                priority: .medium, message: "Locomotive 01 battery low: send it to charge",
                onDelayMilliseconds: 10_000),
            AlarmRule(
                id: "loco-01-camera-offline", asset: locomotive,
                condition: .discrete(
                    DiscreteCondition(tag: tag(locomotive, "camera_online"), alarmState: .bool(false))),
                priority: .low, message: "Locomotive 01 cab camera offline: remote driving without video",
                onDelayMilliseconds: 10_000, offDelayMilliseconds: 5_000),
            // The brake reads applied exactly when the rope stands still, so both at once means a stuck brake
            // switch, a dragging brake or a frozen speed reading: the stuck-value fault on either tag raises it.
            AlarmRule(
                id: "hoist-01-brake-while-moving", asset: hoist,
                condition: .expression(try! AlarmExpression("rope_speed > 0.3 and brake_engaged")),
                priority: .high, message: "Hoist 01 brake reads applied while the rope moves",
                onDelayMilliseconds: 3_000, offDelayMilliseconds: 5_000),
            limit(
                "hoist-01-rope-overspeed", hoist, "rope_speed", high: 10.5, highHigh: 11.5, deadband: 0.3,
                priority: .high, highHighPriority: .critical, message: "Hoist 01 rope overspeed", onDelay: 1_000,
                offDelay: 5_000),
            AlarmRule(
                id: "cnc-01-down", asset: cnc01,
                condition: .discrete(DiscreteCondition(tag: tag(cnc01, "state"), alarmState: .state("down"))),
                priority: .low, message: "CNC 01 down: production stopped", onDelayMilliseconds: 30_000),
            limit(
                "cnc-02-spindle-vibration", cnc02, "vibration", high: 4.5, highHigh: 7.1, deadband: 0.5,
                priority: .medium, highHighPriority: .high, message: "CNC 02 spindle vibration high", onDelay: 10_000,
                offDelay: 30_000),
            AlarmRule(
                id: "crane-01-overload", asset: crane,
                condition: .discrete(DiscreteCondition(tag: tag(crane, "overload"), alarmState: .bool(true))),
                priority: .critical, message: "Crane 01 load limiter tripped: lower the load"),
            AlarmRule(
                id: "agv-01-battery", asset: agv01,
                condition: .limit(
                    LimitCondition(
                        tag: tag(agv01, "battery_soc"), low: LimitThreshold(20),
                        lowLow: LimitThreshold(10, priority: .medium), deadband: 2)),
                priority: .low, message: "AGV 01 battery low", onDelayMilliseconds: 10_000),
        ]
    }

    static func tag(_ asset: AssetPath, _ name: String) -> TagPath {
        try! TagPath(asset: asset, name: name)
    }

    /// A high / high-high limit rule, the HH alarm more urgent than the H.
    static func limit(
        _ id: String, _ asset: AssetPath, _ tagName: String, high: Double, highHigh: Double, deadband: Double,
        priority: AlarmPriority, highHighPriority: AlarmPriority, message: String, onDelay: Int64, offDelay: Int64
    ) -> AlarmRule {
        AlarmRule(
            id: id, asset: asset,
            condition: .limit(
                LimitCondition(
                    tag: tag(asset, tagName), highHigh: LimitThreshold(highHigh, priority: highHighPriority),
                    high: LimitThreshold(high), deadband: deadband)),
            priority: priority, message: message, onDelayMilliseconds: onDelay, offDelayMilliseconds: offDelay)
    }
}
