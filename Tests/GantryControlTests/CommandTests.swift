import GantryControl
import GantryCore
import Testing

/// Commands as the catalogue declares them: arguments checked for type, unit and range, and a lifecycle
/// that only moves forward and says why it ended.
@Suite struct CommandTests {
    let locomotive = try! AssetPath("qingdao-mine/underground/haulage/loco-01")

    @Test func argumentsAreCheckedForNameTypeAndRange() throws {
        let setSpeed = try CommandCatalogue.command("set_speed", for: "electric-locomotive")
        #expect(setSpeed.hazard == .motion)
        #expect(try setSpeed.validate(["speed": .number(3.5)]) == ["speed": .number(3.5)])
        let cases: [([String: CommandValue], String)] = [
            ([:], "set_speed needs speed: a number in m/s (target ground speed)"),
            (["speed": .number(40)], "set_speed: speed must be from 0 to 12 m/s, not 40.0"),
            (["speed": .number(.nan)], "set_speed: speed must be from 0 to 12 m/s, not nan"),
            (["speed": .text("fast")], "set_speed: speed must be a number in m/s, not fast"),
            (["speed": .number(1), "gear": .number(2)], "set_speed takes no argument 'gear'; it takes speed"),
        ]
        for (arguments, message) in cases {
            #expect(throws: ControlError(.invalidArgument, message)) { try setSpeed.validate(arguments) }
        }
        let direction = try CommandCatalogue.command("set_direction", for: "electric-locomotive")
        #expect(
            throws: ControlError(
                .invalidArgument, "set_direction: direction must be one of forward, neutral, reverse, not 'up'")
        ) {
            try direction.validate(["direction": .text("up")])
        }
        #expect(throws: ControlError.self) { try CommandCatalogue.command("fly", for: "electric-locomotive") }
        #expect(throws: ControlError.self) { try CommandCatalogue.command("stop", for: "conveyor") }
        for type in ["electric-locomotive", "overhead-crane"] {
            #expect(try CommandCatalogue.command("emergency_stop", for: type).hazard == .emergencyStop)
        }
    }

    func record(ttl: Int64 = 2000) throws -> CommandRecord {
        let definition = try CommandCatalogue.command("horn", for: "electric-locomotive")
        return CommandRecord(
            id: "c1", equipment: locomotive, definition: definition, arguments: ["seconds": .number(1)],
            requestedBy: "li.wei", requestedAt: 10_000, timeToLiveMilliseconds: ttl)
    }

    @Test func aCommandGoesForwardOnlyAndRecordsItsHistory() throws {
        var command = try record()
        #expect(throws: ControlError.self) { try command.acknowledge(at: 10_001) }
        try command.markSent(sequence: 7, at: 10_002)
        try command.acknowledge(at: 10_010)
        try command.complete(at: 10_500)
        #expect(command.state == .completed)
        #expect(command.history.map(\.state) == [.requested, .sent, .acknowledged, .completed])
        #expect(throws: ControlError.self) { try command.cancel("too late", at: 10_600) }
        let expired = command.expireIfDue(now: 99_999)
        #expect(!expired, "a finished command never expires")
    }

    @Test func unansweredCommandsExpireAndARestartLeavesNoneLying() throws {
        var sent = try record()
        try sent.markSent(sequence: 7, at: 10_001)
        let early = sent.expireIfDue(now: 11_999)
        let due = sent.expireIfDue(now: 12_000)
        #expect(!early && due)
        #expect(sent.state == .expired && sent.reason == "the device did not accept it before its expiry")
        #expect(sent.history.last?.at == 12_000)

        var neverSent = try record()
        let cancelled = neverSent.recoverAfterRestart(now: 10_500)
        #expect(cancelled)
        #expect(neverSent.state == .cancelled && neverSent.reason == "the platform restarted before sending it")

        var inFlight = try record()
        try inFlight.markSent(sequence: 7, at: 10_001)
        let kept = inFlight.recoverAfterRestart(now: 11_000)
        #expect(!kept && inFlight.state == .sent, "within its time to live the device may still answer")
        let lapsed = inFlight.recoverAfterRestart(now: 13_000)
        #expect(lapsed)
        #expect(inFlight.state == .expired)

        var running = try record()
        try running.markSent(sequence: 7, at: 10_001)
        try running.acknowledge(at: 10_002)
        let changed = running.recoverAfterRestart(now: 50_000)
        #expect(!changed, "an accepted command waits for the device's report")
        #expect(running.state == .acknowledged)
    }
}
