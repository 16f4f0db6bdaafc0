import GantryAlarms
import GantryCore

/// The little plant the tests alarm on: a haulage locomotive and a pump, with a manual clock (plain
/// millisecond times passed in).
enum Plant {
    static let loco = try! AssetPath("qingdao-mine/underground/haulage/loco-01")
    static let pump = try! AssetPath("qingdao-mine/surface/water/pump-02")
    static let motorTemp = try! TagPath("qingdao-mine/underground/haulage/loco-01/motor_temp")
    static let speed = try! TagPath("qingdao-mine/underground/haulage/loco-01/speed")
    static let speedSetpoint = try! TagPath("qingdao-mine/underground/haulage/loco-01/speed_sp")
    static let pumpState = try! TagPath("qingdao-mine/surface/water/pump-02/state")
    static let pumpFlow = try! TagPath("qingdao-mine/surface/water/pump-02/flow")
    static let t0: Int64 = 1_800_000_000_000

    static func motorHot(
        high: Double = 90, highHigh: Double? = nil, deadband: Double = 2, onDelay: Int64 = 0, offDelay: Int64 = 0
    ) -> AlarmRule {
        AlarmRule(
            id: "loco-01-motor-temp", asset: loco,
            condition: .limit(
                LimitCondition(
                    tag: motorTemp, highHigh: highHigh.map { LimitThreshold($0, priority: .critical) },
                    high: LimitThreshold(high), deadband: deadband)),
            priority: .high, message: "Traction motor temperature", onDelayMilliseconds: onDelay,
            offDelayMilliseconds: offDelay)
    }

    static func definition(onDelay: Int64 = 0, offDelay: Int64 = 0) -> AlarmDefinition {
        AlarmDefinition(
            alarmID: "loco-01-overspeed", ruleID: "loco-01-overspeed", asset: loco, priority: .medium,
            message: "Locomotive overspeed", onDelayMilliseconds: onDelay, offDelayMilliseconds: offDelay)
    }

    /// A machine already in `state`, reached through the public API.
    static func machine(in state: AlarmState, at time: Int64 = t0) throws -> AlarmStateMachine {
        var machine = AlarmStateMachine(definition: definition())
        switch state {
        case .normal:
            break
        case .activeUnacknowledged:
            _ = machine.observe(conditionActive: true, value: .double(12), at: time)
        case .activeAcknowledged:
            _ = machine.observe(conditionActive: true, value: .double(12), at: time)
            _ = try machine.acknowledge(by: "li.wei", at: time)
        case .returnedUnacknowledged:
            _ = machine.observe(conditionActive: true, value: .double(12), at: time)
            _ = machine.observe(conditionActive: false, value: .double(8), at: time)
        case .shelved:
            _ = try machine.shelve(by: "li.wei", until: time + 3_600_000, at: time)
        case .suppressedByDesign:
            _ = try machine.suppressByDesign(by: "interlock", at: time)
        case .outOfService:
            _ = try machine.removeFromService(by: "li.wei", at: time)
        }
        return machine
    }
}
