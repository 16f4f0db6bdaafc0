import GantryControl
import GantryCore
import Testing

/// One operator at a time, and the device-side guards that hold whatever the platform does.
@Suite struct LeaseAndDeviceTests {
    let crane = try! AssetPath("jinan-workshop/assembly/bay-1/crane-01")

    @Test func oneOperatorAtATimeUntilReleaseIdleOrTakeover() throws {
        var lease = ControlLease(equipment: crane, inactivityTimeoutMilliseconds: 30_000)
        let granted = try lease.request(by: "li.wei", at: 0)
        #expect(granted.kind == .granted)
        #expect(throws: ControlError.self) { try lease.request(by: "wang.fang", at: 1000) }
        #expect(throws: ControlError.self) { try lease.release(by: "wang.fang", at: 1000) }
        let renewed = try lease.request(by: "li.wei", at: 2000)
        #expect(renewed.kind == .renewed)
        try lease.touch(by: "li.wei", at: 20_000)
        let early = lease.expireIfIdle(now: 49_999)
        #expect(early == nil)
        let idle = lease.expireIfIdle(now: 50_000)
        let expired = try #require(idle)
        #expect(expired.kind == .expired && expired.previousHolder == "li.wei" && expired.at == 50_000)
        let next = try lease.request(by: "wang.fang", at: 50_001)
        #expect(next.kind == .granted)

        let takeover = lease.takeOver(by: "supervisor.zhao", at: 51_000)
        #expect(takeover.kind == .takenOver && takeover.previousHolder == "wang.fang")
        #expect(throws: ControlError.self) { try lease.touch(by: "wang.fang", at: 51_001) }
        let released = try lease.release(by: "supervisor.zhao", at: 52_000)
        #expect(released.kind == .released && lease.holder(at: 52_000) == nil)
    }

    @Test func aDeviceRunsNothingExpiredOrOutOfSequence() {
        var gate = CommandGate()
        let verdicts = [
            gate.admit(sequence: 1, expiresAt: 1000, now: 500),
            gate.admit(sequence: 1, expiresAt: 2000, now: 600),
            gate.admit(sequence: 3, expiresAt: 2000, now: 700),
            gate.admit(sequence: 2, expiresAt: 2000, now: 800),
            gate.admit(sequence: 4, expiresAt: 900, now: 1000),
        ]
        #expect(
            verdicts == [
                .accept, .outOfSequence(last: 1), .accept, .outOfSequence(last: 3), .expired(lateByMilliseconds: 100),
            ], "a replay, then one overtaken by a later command, then one too late")
        #expect(gate.lastAccepted == 3, "a refused command does not move the bar")
    }

    @Test func theWatchdogStopsTheMachineWhenHeartbeatsGoQuiet() {
        var watchdog = HeartbeatWatchdog()
        #expect(!watchdog.requiresSafeStop(now: 10_000), "no session, nothing to watch")
        watchdog.beat(at: 10_000)
        watchdog.beat(at: 10_200)
        #expect(!watchdog.requiresSafeStop(now: 10_699))
        #expect(watchdog.requiresSafeStop(now: 10_700))
        watchdog.beat(at: 10_100)
        #expect(watchdog.requiresSafeStop(now: 10_700), "a late, older heartbeat does not wind the clock back")
        watchdog.end()
        #expect(!watchdog.requiresSafeStop(now: 20_000))
    }
}
