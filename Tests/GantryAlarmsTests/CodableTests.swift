import Foundation
import GantryAlarms
import GantryCore
import Testing

@Suite struct CodableTests {
    let t = Plant.t0

    @Test func aMachineRoundTripsInEveryState() throws {
        for state in AlarmState.allCases {
            var machine = try Plant.machine(in: state, at: t)
            _ = machine.observe(conditionActive: !machine.status.isConditionActive, value: .string("x"), at: t + 1)
            let decoded = try JSONDecoder().decode(AlarmStateMachine.self, from: JSONEncoder().encode(machine))
            #expect(decoded == machine)
        }
    }

    @Test func aPendingDelayRoundTripsWithItsValue() throws {
        for value in [SampleValue.double(1.5), .int(3), .bool(true), .string("down")] {
            var machine = AlarmStateMachine(definition: Plant.definition(onDelay: 1000))
            _ = machine.observe(conditionActive: true, value: value, at: t)
            var decoded = try JSONDecoder().decode(AlarmStateMachine.self, from: JSONEncoder().encode(machine))
            #expect(decoded.status.pending?.value == value)
            #expect(decoded.timePassed(now: t + 1000).first?.value == value)
        }
    }

    @Test func rulesRoundTripAndReadTheDocumentedJSON() throws {
        let json = """
            {"id": "pump-02-down", "asset": "qingdao-mine/surface/water/pump-02", "priority": 2,
             "message": "Pump down", "onDelayMilliseconds": 3000,
             "condition": {"discrete": {"tag": "qingdao-mine/surface/water/pump-02/state", "alarmState": "down"}}}
            """
        let rule = try JSONDecoder().decode(AlarmRule.self, from: Data(json.utf8))
        #expect(rule.priority == .high && rule.onDelayMilliseconds == 3000 && rule.offDelayMilliseconds == 0)
        #expect(rule.isEnabled)
        #expect(rule.condition == .discrete(DiscreteCondition(tag: Plant.pumpState, alarmState: .state("down"))))
        let rules = [
            rule, Plant.motorHot(high: 90, highHigh: 110, deadband: 1.5, onDelay: 5, offDelay: 6),
            AlarmRule(
                id: "e", asset: Plant.loco, condition: .expression(try AlarmExpression("motor_temp > 1")),
                priority: .low, message: "m", isEnabled: false),
            AlarmRule(
                id: "r", asset: Plant.loco,
                condition: .rateOfChange(RateOfChangeCondition(tag: Plant.speed, limitPerSecond: 2)), priority: .low,
                message: "m"),
            AlarmRule(
                id: "d", asset: Plant.loco,
                condition: .deviation(DeviationCondition(tag: Plant.speed, setpoint: Plant.speedSetpoint, limit: 2)),
                priority: .critical, message: "m"),
        ]
        #expect(try JSONDecoder().decode([AlarmRule].self, from: JSONEncoder().encode(rules)) == rules)
    }

    @Test func aBadExpressionFailsToDecode() {
        let json = #"{"expression": "a >"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(AlarmCondition.self, from: Data(json.utf8)) }
    }

    @Test func journalEntriesRoundTrip() throws {
        var machine = try Plant.machine(in: .activeUnacknowledged, at: t)
        let entry = try machine.acknowledge(by: "zhang.min", comment: "seen", at: t + 1)
        let raised = AlarmStateMachine(definition: Plant.definition())
        var copy = raised
        let entries = [entry] + copy.observe(conditionActive: true, value: .int(7), at: t)
        let decoded = try JSONDecoder().decode([JournalEntry].self, from: JSONEncoder().encode(entries))
        #expect(decoded == entries)
    }
}
