import GantryAlarms
import GantryCore
import Testing

/// The five kinds of condition, driven through the evaluator's public API.
@Suite struct RuleConditionTests {
    let t = Plant.t0

    private func states(_ evaluator: AlarmEvaluator, _ id: String) -> AlarmState? { evaluator.alarm(id)?.state }

    @Test func aHighLimitClearsOnlyPastTheDeadband() throws {
        var evaluator = try AlarmEvaluator(rules: [Plant.motorHot(high: 90, deadband: 2)])
        let id = "loco-01-motor-temp.h"
        #expect(evaluator.evaluate(tag: Plant.motorTemp, time: t, value: .double(90)).isEmpty, "at the limit")
        #expect(
            evaluator.evaluate(tag: Plant.motorTemp, time: t + 1, value: .double(90.5)).map(\.to) == [
                .activeUnacknowledged
            ])
        #expect(
            evaluator.evaluate(tag: Plant.motorTemp, time: t + 2, value: .double(88.5)).isEmpty, "inside the deadband")
        #expect(states(evaluator, id) == .activeUnacknowledged)
        #expect(
            evaluator.evaluate(tag: Plant.motorTemp, time: t + 3, value: .double(87.9)).map(\.to) == [
                .returnedUnacknowledged
            ])
        #expect(
            evaluator.evaluate(tag: Plant.motorTemp, time: t + 4, value: .double(89)).isEmpty, "below the limit again")
    }

    @Test func aLowLimitMirrorsTheHighOne() throws {
        let rule = AlarmRule(
            id: "pump-02-low-flow", asset: Plant.pump,
            condition: .limit(LimitCondition(tag: Plant.pumpFlow, low: LimitThreshold(10), deadband: 1)),
            priority: .medium, message: "Low flow")
        var evaluator = try AlarmEvaluator(rules: [rule])
        #expect(evaluator.evaluate(tag: Plant.pumpFlow, time: t, value: .int(9)).map(\.to) == [.activeUnacknowledged])
        #expect(evaluator.evaluate(tag: Plant.pumpFlow, time: t + 1, value: .int(10)).isEmpty)
        #expect(
            evaluator.evaluate(tag: Plant.pumpFlow, time: t + 2, value: .int(12)).map(\.to) == [.returnedUnacknowledged]
        )
    }

    @Test func highHighAndHighAreSeparateAlarmsWithTheirOwnPriorities() throws {
        var evaluator = try AlarmEvaluator(rules: [Plant.motorHot(high: 90, highHigh: 110)])
        let journal = evaluator.evaluate(tag: Plant.motorTemp, time: t, value: .double(115))
        #expect(Set(journal.map(\.alarmID)) == ["loco-01-motor-temp.hh", "loco-01-motor-temp.h"])
        #expect(journal.first { $0.alarmID.hasSuffix(".hh") }?.priority == .critical)
        #expect(journal.first { $0.alarmID.hasSuffix(".h") }?.priority == .high)
        #expect(journal.first { $0.alarmID.hasSuffix(".hh") }?.message == "Traction motor temperature (HH)")
        let back = evaluator.evaluate(tag: Plant.motorTemp, time: t + 1, value: .double(100))
        #expect(back.map(\.alarmID) == ["loco-01-motor-temp.hh"])
    }

    @Test func badQualityNeverRaisesALimitAlarmAndIsShown() throws {
        var evaluator = try AlarmEvaluator(rules: [Plant.motorHot(high: 90)])
        let id = "loco-01-motor-temp.h"
        #expect(
            evaluator.evaluate(tag: Plant.motorTemp, time: t, value: .double(500), quality: Quality(.bad, subCode: 3))
                .isEmpty)
        #expect(evaluator.alarm(id)?.status.inputQuality == .bad)
        _ = evaluator.evaluate(tag: Plant.motorTemp, time: t + 1, value: .double(95))
        #expect(states(evaluator, id) == .activeUnacknowledged)
        // A bad sample of 0 does not clear it either: the condition is held.
        #expect(
            evaluator.evaluate(tag: Plant.motorTemp, time: t + 2, value: .double(0), quality: Quality(.bad)).isEmpty)
        #expect(states(evaluator, id) == .activeUnacknowledged)
        // Uncertain values are evaluated, and marked.
        #expect(
            evaluator.evaluate(tag: Plant.motorTemp, time: t + 3, value: .double(20), quality: Quality(.uncertain)).map(
                \.to) == [.returnedUnacknowledged])
        #expect(evaluator.alarm(id)?.status.inputQuality == .uncertain)
    }

    @Test func rateOfChangeComparesConsecutiveGoodSamples() throws {
        let rule = AlarmRule(
            id: "loco-01-temp-rise", asset: Plant.loco,
            condition: .rateOfChange(RateOfChangeCondition(tag: Plant.motorTemp, limitPerSecond: 2, deadband: 0.5)),
            priority: .medium, message: "Motor heating fast")
        var evaluator = try AlarmEvaluator(rules: [rule])
        #expect(
            evaluator.evaluate(tag: Plant.motorTemp, time: t, value: .double(50)).isEmpty, "nothing to compare with")
        #expect(evaluator.evaluate(tag: Plant.motorTemp, time: t + 10_000, value: .double(69)).isEmpty, "1.9/s")
        #expect(
            evaluator.evaluate(tag: Plant.motorTemp, time: t + 11_000, value: .double(66.5)).map(\.to) == [
                .activeUnacknowledged
            ], "-2.5/s")
        #expect(
            evaluator.evaluate(tag: Plant.motorTemp, time: t + 12_000, value: .double(68.3)).isEmpty,
            "1.8/s, in the deadband")
        // A bad sample in between is skipped: the rate is taken from the last good one.
        _ = evaluator.evaluate(tag: Plant.motorTemp, time: t + 13_000, value: .double(0), quality: Quality(.bad))
        #expect(
            evaluator.evaluate(tag: Plant.motorTemp, time: t + 22_000, value: .double(70.3)).map(\.to) == [
                .returnedUnacknowledged
            ], "0.2/s")
    }

    @Test func deviationReadsTheSetpointTagsLatestValue() throws {
        let rule = AlarmRule(
            id: "loco-01-speed-dev", asset: Plant.loco,
            condition: .deviation(
                DeviationCondition(tag: Plant.speed, setpoint: Plant.speedSetpoint, limit: 3, deadband: 1)),
            priority: .low, message: "Speed off setpoint")
        var evaluator = try AlarmEvaluator(rules: [rule])
        #expect(evaluator.evaluate(tag: Plant.speed, time: t, value: .double(20)).isEmpty, "no setpoint yet")
        #expect(evaluator.alarm("loco-01-speed-dev")?.status.inputQuality == .bad)
        #expect(evaluator.evaluate(tag: Plant.speedSetpoint, time: t + 1, value: .double(18)).isEmpty)
        #expect(
            evaluator.evaluate(tag: Plant.speedSetpoint, time: t + 2, value: .double(24)).map(\.to) == [
                .activeUnacknowledged
            ], "setpoint moved")
        #expect(
            evaluator.evaluate(tag: Plant.speed, time: t + 3, value: .double(21.5)).isEmpty,
            "2.5 off, inside the deadband")
        #expect(
            evaluator.evaluate(tag: Plant.speed, time: t + 4, value: .double(22.5)).map(\.to) == [
                .returnedUnacknowledged
            ])
    }

    @Test(arguments: [
        (DiscreteState.state("down"), SampleValue.string("down"), SampleValue.string("running")),
        (.bool(true), .bool(true), .bool(false)),
        (.code(3), .int(3), .int(0)),
    ])
    func discreteAlarmsOnTheGivenState(state: DiscreteState, alarming: SampleValue, normal: SampleValue) throws {
        let rule = AlarmRule(
            id: "pump-02-down", asset: Plant.pump,
            condition: .discrete(DiscreteCondition(tag: Plant.pumpState, alarmState: state)), priority: .high,
            message: "Pump down")
        var evaluator = try AlarmEvaluator(rules: [rule])
        #expect(evaluator.evaluate(tag: Plant.pumpState, time: t, value: normal).isEmpty)
        #expect(evaluator.evaluate(tag: Plant.pumpState, time: t + 1, value: alarming).map(\.value) == [alarming])
        #expect(
            evaluator.evaluate(tag: Plant.pumpState, time: t + 2, value: normal).map(\.to) == [.returnedUnacknowledged])
    }

    @Test func expressionsReadSeveralTags() throws {
        let rule = AlarmRule(
            id: "loco-01-hot-and-fast", asset: Plant.loco,
            condition: .expression(try AlarmExpression("motor_temp > 80 and (speed - speed_sp) / 2 >= 1")),
            priority: .high, message: "Hot motor pushed over setpoint")
        var evaluator = try AlarmEvaluator(rules: [rule])
        #expect(Set(rule.tags) == [Plant.motorTemp, Plant.speed, Plant.speedSetpoint])
        #expect(evaluator.evaluate(tag: Plant.motorTemp, time: t, value: .double(85)).isEmpty)
        #expect(evaluator.evaluate(tag: Plant.speed, time: t + 1, value: .double(25)).isEmpty, "setpoint unknown")
        #expect(
            evaluator.evaluate(tag: Plant.speedSetpoint, time: t + 2, value: .double(23)).map(\.to) == [
                .activeUnacknowledged
            ])
        #expect(
            evaluator.evaluate(tag: Plant.motorTemp, time: t + 3, value: .double(79)).map(\.to) == [
                .returnedUnacknowledged
            ])
    }
}
