import GantryAlarms
import GantryCore
import Testing

@Suite struct DelayTests {
    let t = Plant.t0

    @Test func anExcursionShorterThanTheOnDelayRaisesNothing() {
        var machine = AlarmStateMachine(definition: Plant.definition(onDelay: 5_000))
        #expect(machine.observe(conditionActive: true, value: .double(95), at: t).isEmpty)
        #expect(machine.nextDeadline == t + 5_000)
        #expect(machine.observe(conditionActive: false, value: .double(80), at: t + 4_999).isEmpty)
        #expect(machine.timePassed(now: t + 60_000).isEmpty)
        #expect(machine.state == .normal && machine.status.pending == nil)
    }

    @Test func aConditionHeldForTheOnDelayRaisesTheAlarmWhenTheDelayEnds() throws {
        var machine = AlarmStateMachine(definition: Plant.definition(onDelay: 5_000))
        _ = machine.observe(conditionActive: true, value: .double(95), at: t)
        #expect(machine.observe(conditionActive: true, value: .double(97), at: t + 2_000).isEmpty)
        #expect(machine.timePassed(now: t + 4_999).isEmpty)
        let entry = try #require(machine.timePassed(now: t + 5_300).first)
        #expect(entry.to == .activeUnacknowledged && entry.time == t + 5_000)
        #expect(entry.value == .double(95), "the value that started the excursion")
    }

    @Test func aSampleAfterTheDelayEndsRaisesItWithoutATick() throws {
        var machine = AlarmStateMachine(definition: Plant.definition(onDelay: 5_000))
        _ = machine.observe(conditionActive: true, value: .double(95), at: t)
        let journal = machine.observe(conditionActive: true, value: .double(96), at: t + 6_000)
        #expect(journal.map(\.to) == [.activeUnacknowledged])
        #expect(journal.first?.time == t + 5_000)
    }

    @Test func theOffDelayKeepsTheAlarmActiveThroughShortDips() throws {
        var machine = AlarmStateMachine(definition: Plant.definition(offDelay: 10_000))
        _ = machine.observe(conditionActive: true, value: .double(95), at: t)
        #expect(machine.state == .activeUnacknowledged)
        #expect(machine.observe(conditionActive: false, value: .double(80), at: t + 1_000).isEmpty)
        #expect(machine.observe(conditionActive: true, value: .double(95), at: t + 3_000).isEmpty)
        #expect(machine.timePassed(now: t + 20_000).isEmpty)
        _ = machine.observe(conditionActive: false, value: .double(80), at: t + 21_000)
        let entry = try #require(machine.timePassed(now: t + 31_000).first)
        #expect(entry.from == .activeUnacknowledged && entry.to == .returnedUnacknowledged)
        #expect(entry.time == t + 31_000)
    }

    @Test func delaysRunWhileShelvedAndTheExpiryUsesTheirOutcome() throws {
        var machine = AlarmStateMachine(definition: Plant.definition(onDelay: 5_000))
        _ = try machine.shelve(by: "li.wei", until: t + 60_000, at: t)
        _ = machine.observe(conditionActive: true, value: .double(95), at: t + 1_000)
        #expect(machine.timePassed(now: t + 10_000).isEmpty)
        #expect(machine.status.isConditionActive)
        let journal = machine.timePassed(now: t + 60_000)
        #expect(journal.map(\.to) == [.activeUnacknowledged])
    }
}
