import Foundation
import GantryAlarms
import GantryCore
import Testing

@Suite struct AlarmEvaluatorTests {
    let t = Plant.t0

    @Test func theTagIDHotPathMatchesThePathAPI() throws {
        var evaluator = try AlarmEvaluator(rules: [Plant.motorHot()])
        let id = try #require(evaluator.tagID(of: Plant.motorTemp))
        #expect(evaluator.isWatched(tagID: id))
        let other = evaluator.tagID(registering: Plant.pumpFlow)
        #expect(!evaluator.isWatched(tagID: other) && other != id)
        #expect(evaluator.tagID(registering: Plant.pumpFlow) == other)
        var journal: [JournalEntry] = []
        evaluator.evaluate(tagID: other, time: t, value: .double(1000), into: &journal)
        evaluator.evaluate(tagID: 999, time: t, value: .double(1000), into: &journal)
        #expect(journal.isEmpty)
        evaluator.evaluate(tagID: id, time: t, value: .double(95), into: &journal)
        #expect(journal.map(\.alarmID) == ["loco-01-motor-temp.h"])
    }

    @Test func tickFiresDelaysAndShelveExpiriesInDeadlineOrder() throws {
        var evaluator = try AlarmEvaluator(rules: [Plant.motorHot(onDelay: 10_000, offDelay: 5_000)])
        let id = "loco-01-motor-temp.h"
        #expect(evaluator.evaluate(tag: Plant.motorTemp, time: t, value: .double(95)).isEmpty)
        #expect(evaluator.nextDeadline == t + 10_000)
        #expect(evaluator.tick(now: t + 9_999).isEmpty)
        #expect(evaluator.tick(now: t + 10_000).map(\.to) == [.activeUnacknowledged])
        _ = try evaluator.shelve(alarmID: id, by: "li.wei", until: t + 60_000, at: t + 11_000)
        _ = evaluator.evaluate(tag: Plant.motorTemp, time: t + 12_000, value: .double(20))
        let journal = evaluator.tick(now: t + 120_000)
        #expect(journal.map(\.cause) == [.shelveExpired])
        #expect(journal.first?.to == .normal, "the off-delay ended while shelved")
        #expect(evaluator.tick(now: t + 200_000).isEmpty)
    }

    @Test func aCancelledDelayLeavesNothingToFire() throws {
        var evaluator = try AlarmEvaluator(rules: [Plant.motorHot(onDelay: 10_000)])
        _ = evaluator.evaluate(tag: Plant.motorTemp, time: t, value: .double(95))
        _ = evaluator.evaluate(tag: Plant.motorTemp, time: t + 1_000, value: .double(20))
        #expect(evaluator.tick(now: t + 20_000).isEmpty)
        #expect(evaluator.nextDeadline == nil)
    }

    @Test func operatorActionsGoThroughTheEvaluator() throws {
        var evaluator = try AlarmEvaluator(rules: [Plant.motorHot()])
        let id = "loco-01-motor-temp.h"
        _ = evaluator.evaluate(tag: Plant.motorTemp, time: t, value: .double(95))
        let ack = try evaluator.acknowledge(alarmID: id, by: "zhang.min", comment: "slowing down", at: t + 5)
        #expect(ack.to == .activeAcknowledged && ack.user == "zhang.min" && ack.comment == "slowing down")
        #expect(try evaluator.removeFromService(alarmID: id, by: "li.wei", at: t + 6).to == .outOfService)
        #expect(try evaluator.returnToService(alarmID: id, by: "li.wei", at: t + 7).to == .activeUnacknowledged)
        #expect(try evaluator.suppressByDesign(alarmID: id, by: "logic", at: t + 8).to == .suppressedByDesign)
        #expect(try evaluator.unsuppress(alarmID: id, by: "logic", at: t + 9).to == .activeUnacknowledged)
        #expect(try evaluator.shelve(alarmID: id, by: "li.wei", until: t + 100, at: t + 10).to == .shelved)
        #expect(try evaluator.unshelve(alarmID: id, by: "li.wei", at: t + 11).to == .activeUnacknowledged)
        do {
            _ = try evaluator.acknowledge(alarmID: "nope", by: "zhang.min", at: t)
            Issue.record("unknown alarm acknowledged")
        } catch {
            #expect(error.code == .unknownAlarm)
        }
    }

    @Test func rulesCanBeAddedRemovedAndReplacedAtRunTime() throws {
        var evaluator = AlarmEvaluator()
        try evaluator.add(Plant.motorHot(high: 90))
        #expect(throws: AlarmError.self) { try evaluator.add(Plant.motorHot()) }
        _ = evaluator.evaluate(tag: Plant.motorTemp, time: t, value: .double(95))
        _ = try evaluator.acknowledge(alarmID: "loco-01-motor-temp.h", by: "zhang.min", at: t + 1)

        try evaluator.replace(Plant.motorHot(high: 100, highHigh: 120))
        #expect(evaluator.alarmCount == 2)
        #expect(evaluator.alarm("loco-01-motor-temp.h")?.state == .activeAcknowledged, "kept across the edit")
        #expect(evaluator.alarm("loco-01-motor-temp.hh")?.state == .normal)
        #expect(evaluator.evaluate(tag: Plant.motorTemp, time: t + 2, value: .double(96)).map(\.to) == [.normal])

        let removed = try evaluator.remove(ruleID: "loco-01-motor-temp")
        #expect(removed.count == 2 && evaluator.alarmCount == 0 && evaluator.rules.isEmpty)
        #expect(evaluator.evaluate(tag: Plant.motorTemp, time: t + 3, value: .double(500)).isEmpty)
        #expect(throws: AlarmError.self) { try evaluator.remove(ruleID: "loco-01-motor-temp") }
        #expect(throws: AlarmError.self) { try evaluator.replace(Plant.motorHot()) }

        // Freed slots are reused by the next rule without leaking the old alarm's state.
        try evaluator.add(Plant.motorHot(high: 50))
        #expect(evaluator.alarm("loco-01-motor-temp.h")?.state == .normal)
        #expect(evaluator.evaluate(tag: Plant.motorTemp, time: t + 4, value: .double(60)).count == 1)
    }

    @Test func disabledRulesRaiseNothing() throws {
        var rule = Plant.motorHot()
        rule.isEnabled = false
        var evaluator = try AlarmEvaluator(rules: [rule])
        #expect(evaluator.rules == [rule] && evaluator.alarmCount == 0)
        #expect(evaluator.evaluate(tag: Plant.motorTemp, time: t, value: .double(500)).isEmpty)
    }

    @Test func statusesSurviveARestartThroughJSON() throws {
        var evaluator = try AlarmEvaluator(rules: [Plant.motorHot(onDelay: 10_000, offDelay: 0)])
        _ = evaluator.evaluate(tag: Plant.motorTemp, time: t, value: .double(95))
        _ = evaluator.tick(now: t + 10_000)
        _ = try evaluator.acknowledge(alarmID: "loco-01-motor-temp.h", by: "zhang.min", comment: "ok", at: t + 11_000)
        _ = try evaluator.shelve(alarmID: "loco-01-motor-temp.h", by: "li.wei", until: t + 60_000, at: t + 12_000)
        let data = try JSONEncoder().encode(evaluator.statuses())

        var restarted = try AlarmEvaluator(rules: [Plant.motorHot(onDelay: 10_000, offDelay: 0)])
        let statuses = try JSONDecoder().decode([AlarmStatus].self, from: data)
        #expect(statuses == evaluator.statuses())
        #expect(restarted.restore(statuses + [AlarmStatus(alarmID: "gone")]) == ["gone"])
        #expect(restarted.statuses() == evaluator.statuses())
        #expect(restarted.alarm("loco-01-motor-temp.h")?.state == .shelved)
        #expect(restarted.tick(now: t + 60_000).map(\.to) == [.activeUnacknowledged], "the shelve expiry was scheduled")
    }

    @Test func invalidRulesAreRefusedWithAMessage() throws {
        var badID = Plant.motorHot()
        badID.id = "motor temp"
        var badDelay = Plant.motorHot()
        badDelay.onDelayMilliseconds = -1
        let invalid: [AlarmRule] = [
            badID, badDelay, Plant.motorHot(high: 90, highHigh: 80), Plant.motorHot(deadband: -1),
            AlarmRule(
                id: "x", asset: Plant.loco, condition: .limit(LimitCondition(tag: Plant.motorTemp)), priority: .low,
                message: "m"),
            AlarmRule(
                id: "x", asset: Plant.loco,
                condition: .limit(
                    LimitCondition(tag: Plant.motorTemp, high: LimitThreshold(10), low: LimitThreshold(20))),
                priority: .low, message: "m"),
            AlarmRule(
                id: "x", asset: Plant.loco,
                condition: .rateOfChange(RateOfChangeCondition(tag: Plant.motorTemp, limitPerSecond: 1, deadband: 1)),
                priority: .low, message: "m"),
            AlarmRule(
                id: "x", asset: Plant.loco,
                condition: .deviation(DeviationCondition(tag: Plant.speed, setpoint: Plant.speed, limit: 1)),
                priority: .low, message: "m"),
            AlarmRule(
                id: "x", asset: try AssetPath("other-enterprise/site"),
                condition: .discrete(DiscreteCondition(tag: Plant.pumpState, alarmState: .state("down"))),
                priority: .low, message: "m"),
            AlarmRule(
                id: "x", asset: Plant.loco,
                condition: .limit(LimitCondition(tag: Plant.motorTemp, high: LimitThreshold(.infinity))),
                priority: .low, message: ""),
        ]
        for rule in invalid {
            do {
                try rule.validate()
                Issue.record("accepted \(rule)")
            } catch {
                #expect(error.code == .invalidRule)
                #expect(!error.message.isEmpty)
            }
        }
        try Plant.motorHot(high: 90, highHigh: 110).validate()
    }
}
