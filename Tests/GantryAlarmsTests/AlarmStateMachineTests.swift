import GantryAlarms
import GantryCore
import Testing

@Suite struct AlarmStateMachineTests {
    let t = Plant.t0

    @Test func newAlarmsAreNormal() {
        let machine = AlarmStateMachine(definition: Plant.definition())
        #expect(machine.state == .normal)
        #expect(machine.nextDeadline == nil)
    }

    /// Every condition-driven edge of the ISA-18.2 annunciation cycle.
    @Test(arguments: [
        (AlarmState.normal, true, AlarmState.activeUnacknowledged),
        (.activeUnacknowledged, false, .returnedUnacknowledged),
        (.activeAcknowledged, false, .normal),
        (.returnedUnacknowledged, true, .activeUnacknowledged),
    ])
    func conditionMovesTheCycle(from: AlarmState, active: Bool, to: AlarmState) throws {
        var machine = try Plant.machine(in: from, at: t)
        let journal = machine.observe(conditionActive: active, value: .double(42), at: t + 1000)
        #expect(machine.state == to)
        let entry = try #require(journal.first)
        #expect(journal.count == 1)
        #expect(entry.from == from && entry.to == to && entry.cause == .condition)
        #expect(entry.time == t + 1000 && entry.value == .double(42) && entry.user == nil)
        #expect(entry.alarmID == "loco-01-overspeed" && entry.ruleID == "loco-01-overspeed")
        #expect(entry.priority == .medium && entry.message == "Locomotive overspeed" && entry.asset == Plant.loco)
    }

    /// Conditions that confirm the present state change nothing and write nothing.
    @Test(arguments: [
        (AlarmState.normal, false), (.activeUnacknowledged, true), (.activeAcknowledged, true),
        (.returnedUnacknowledged, false),
    ])
    func sameConditionWritesNothing(state: AlarmState, active: Bool) throws {
        var machine = try Plant.machine(in: state, at: t)
        #expect(machine.observe(conditionActive: active, value: .double(1), at: t + 5).isEmpty)
        #expect(machine.state == state)
    }

    @Test(arguments: [
        (AlarmState.activeUnacknowledged, AlarmState.activeAcknowledged),
        (.returnedUnacknowledged, .normal),
    ])
    func acknowledgeRecordsWhoWhenAndWhy(from: AlarmState, to: AlarmState) throws {
        var machine = try Plant.machine(in: from, at: t)
        let entry = try machine.acknowledge(by: "zhang.min", comment: "driver informed", at: t + 30_000)
        #expect(machine.state == to)
        #expect(entry.from == from && entry.to == to && entry.cause == .acknowledge)
        #expect(entry.user == "zhang.min" && entry.comment == "driver informed" && entry.time == t + 30_000)
        #expect(
            machine.status.acknowledgement
                == Acknowledgement(user: "zhang.min", comment: "driver informed", time: t + 30_000))
    }

    @Test(arguments: [AlarmState.normal, .activeAcknowledged, .shelved, .suppressedByDesign, .outOfService])
    func acknowledgingWhatNeedsNoAcknowledgementIsRefused(state: AlarmState) throws {
        var machine = try Plant.machine(in: state, at: t)
        #expect(throws: AlarmError.self) { try machine.acknowledge(by: "zhang.min", at: t + 1) }
        do {
            _ = try machine.acknowledge(by: "zhang.min", at: t + 1)
        } catch {
            #expect(error.code == .invalidTransition)
        }
        #expect(machine.state == state)
    }

    @Test func aNewActivationClearsTheOldAcknowledgement() throws {
        var machine = try Plant.machine(in: .activeAcknowledged, at: t)
        _ = machine.observe(conditionActive: false, value: nil, at: t + 1)
        _ = machine.observe(conditionActive: true, value: nil, at: t + 2)
        #expect(machine.state == .activeUnacknowledged)
        #expect(machine.status.acknowledgement == nil)
    }

    @Test(arguments: [AlarmState.normal, .activeUnacknowledged, .activeAcknowledged, .returnedUnacknowledged])
    func everyCycleStateCanBeShelvedSuppressedAndRemoved(state: AlarmState) throws {
        var shelved = try Plant.machine(in: state, at: t)
        let shelve = try shelved.shelve(by: "li.wei", comment: "sensor fault, WO 4711", until: t + 60_000, at: t + 1)
        #expect(shelve.from == state && shelve.to == .shelved && shelve.cause == .shelve)
        #expect(shelve.comment == "sensor fault, WO 4711" && shelved.status.shelvedUntil == t + 60_000)

        var suppressed = try Plant.machine(in: state, at: t)
        #expect(try suppressed.suppressByDesign(by: "interlock", at: t + 1).to == .suppressedByDesign)

        var removed = try Plant.machine(in: state, at: t)
        #expect(try removed.removeFromService(by: "li.wei", at: t + 1).to == .outOfService)
    }

    /// Leaving shelved, suppressed or out of service returns to what the condition dictates.
    @Test(arguments: [true, false])
    func leavingAnOverrideFollowsTheCondition(active: Bool) throws {
        let expected: AlarmState = active ? .activeUnacknowledged : .normal
        for state in [AlarmState.shelved, .suppressedByDesign, .outOfService] {
            var machine = try Plant.machine(in: state, at: t)
            #expect(machine.observe(conditionActive: active, value: .double(13), at: t + 1).isEmpty)
            #expect(machine.state == state)
            let entry: JournalEntry =
                switch state {
                case .shelved: try machine.unshelve(by: "li.wei", comment: "repaired", at: t + 2)
                case .suppressedByDesign: try machine.unsuppress(by: "interlock", at: t + 2)
                default: try machine.returnToService(by: "li.wei", at: t + 2)
                }
            #expect(entry.from == state && entry.to == expected)
            #expect(machine.state == expected)
            #expect(entry.isAnnunciation == active)
        }
    }

    @Test func outOfServiceOutranksSuppressionWhichOutranksShelving() throws {
        var machine = try Plant.machine(in: .shelved, at: t)
        #expect(try machine.suppressByDesign(by: "interlock", at: t + 1).to == .suppressedByDesign)
        #expect(try machine.removeFromService(by: "li.wei", at: t + 2).to == .outOfService)
        let unsuppress = try machine.unsuppress(by: "interlock", at: t + 3)
        #expect(unsuppress.from == .outOfService && unsuppress.to == .outOfService)
        #expect(try machine.returnToService(by: "li.wei", at: t + 4).to == .shelved)
        #expect(try machine.unshelve(by: "li.wei", at: t + 5).to == .normal)
    }

    @Test func invalidOverrideActionsAreRefused() throws {
        var normal = try Plant.machine(in: .normal, at: t)
        #expect(throws: AlarmError.self) { try normal.unshelve(by: "a", at: t) }
        #expect(throws: AlarmError.self) { try normal.unsuppress(by: "a", at: t) }
        #expect(throws: AlarmError.self) { try normal.returnToService(by: "a", at: t) }
        var suppressed = try Plant.machine(in: .suppressedByDesign, at: t)
        #expect(throws: AlarmError.self) { try suppressed.suppressByDesign(by: "a", at: t) }
        #expect(throws: AlarmError.self) { try suppressed.shelve(by: "a", until: t + 10, at: t) }
        var removed = try Plant.machine(in: .outOfService, at: t)
        #expect(throws: AlarmError.self) { try removed.removeFromService(by: "a", at: t) }
        #expect(normal.state == .normal && suppressed.state == .suppressedByDesign && removed.state == .outOfService)
    }

    @Test(arguments: [Int64(0), -1, -60_000])
    func shelvingUntilNowOrThePastIsRefused(offset: Int64) throws {
        var machine = try Plant.machine(in: .activeUnacknowledged, at: t)
        do {
            _ = try machine.shelve(by: "li.wei", until: t + offset, at: t)
            Issue.record("shelve into the past was accepted")
        } catch {
            #expect(error.code == .invalidShelveTime)
        }
        #expect(machine.state == .activeUnacknowledged)
    }

    @Test(arguments: [true, false])
    func anExpiredShelveReturnsToWhatTheConditionDictates(active: Bool) throws {
        var machine = try Plant.machine(in: .normal, at: t)
        _ = try machine.shelve(by: "li.wei", until: t + 60_000, at: t)
        _ = machine.observe(conditionActive: active, value: .double(1), at: t + 10_000)
        #expect(machine.nextDeadline == t + 60_000)
        #expect(machine.timePassed(now: t + 59_999).isEmpty)
        let journal = machine.timePassed(now: t + 61_000)
        let entry = try #require(journal.first)
        #expect(journal.count == 1)
        #expect(entry.cause == .shelveExpired && entry.time == t + 60_000 && entry.user == nil)
        #expect(entry.to == (active ? .activeUnacknowledged : .normal))
        #expect(machine.status.shelvedUntil == nil && machine.nextDeadline == nil)
    }

    @Test func reshelvingMovesTheExpiry() throws {
        var machine = try Plant.machine(in: .shelved, at: t)
        let entry = try machine.shelve(by: "li.wei", until: t + 10 * 3_600_000, at: t + 1)
        #expect(entry.from == .shelved && entry.to == .shelved)
        #expect(machine.timePassed(now: t + 3_600_000).isEmpty)
        #expect(machine.state == .shelved)
    }

    @Test func badQualityHoldsTheConditionAndShowsIt() throws {
        var machine = try Plant.machine(in: .activeUnacknowledged, at: t)
        #expect(machine.observeUnusable(quality: .bad, at: t + 1).isEmpty)
        #expect(machine.state == .activeUnacknowledged && machine.status.inputQuality == .bad)
        _ = machine.observe(conditionActive: true, value: .double(1), at: t + 2)
        #expect(machine.status.inputQuality == .good)
    }
}
