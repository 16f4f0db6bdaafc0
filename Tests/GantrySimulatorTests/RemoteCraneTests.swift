import GantryControl
import GantryCore
import Testing

@testable import GantrySimulator

/// The overhead crane in remote mode, as a pure value stepped through plain times.
@Suite struct RemoteCraneTests {
    @Test func aJogMovesTheAxisByItsDistanceAndCompletesOnArrival() {
        var crane = OverheadCraneModel(asset: cranePath, seed: 1)
        var commands = CommandMaker(cranePath)
        let start = crane.number("bridge_position", at: morning)
        let jog = commands.make("jog", ["axis": .text("x"), "distance": .number(2)], at: morning)
        #expect(crane.perform(jog, at: morning) == .running)
        #expect(crane.takeEvents().isEmpty)
        let moving = crane.number("bridge_position", at: morning + 2_000)
        #expect(moving > start && moving < start + 2)
        #expect(crane.number("bridge_position", at: morning + 20_000) == start + 2)
        let events = crane.takeEvents()
        guard case .finished(let id, let sequence, let at)? = events.first else {
            Issue.record("no completion: \(events)")
            return
        }
        #expect(id == jog.id && sequence == jog.sequence)
        #expect(at > morning && at <= morning + 20_000)
        #expect(crane.number("trolley_position", at: morning + 30_000) == crane.number("trolley_position", at: morning))
    }

    @Test func aJogStaysWithinTheLimits() {
        var crane = OverheadCraneModel(asset: cranePath, seed: 1)
        var commands = CommandMaker(cranePath)
        _ = crane.step(to: morning)
        var time = morning
        for _ in 0..<5 {
            let jog = commands.make("jog", ["axis": .text("z"), "distance": .number(5)], at: time)
            #expect(!crane.perform(jog, at: time).isRefused)
            time += 120_000
            _ = crane.step(to: time)
        }
        #expect(crane.number("hoist_height", at: time) == RemoteCrane.Axis.z.limits.upperBound)
    }

    @Test func stopHaltsHoistingAndTheCraneHolds() {
        var crane = OverheadCraneModel(asset: cranePath, seed: 1)
        var commands = CommandMaker(cranePath)
        let start = crane.number("hoist_height", at: morning)
        #expect(crane.perform(commands.make("hoist", ["speed": .number(0.2)], at: morning), at: morning) == .completed)
        let rising = crane.number("hoist_height", at: morning + 5_000)
        #expect(rising > start + 0.5)
        let stop = morning + 5_000
        #expect(crane.perform(commands.make("stop", at: stop), at: stop) == .completed)
        let held = crane.number("hoist_height", at: stop + 5_000)
        #expect(held < rising + 0.3)
        #expect(crane.number("hoist_height", at: stop + 60_000) == held)
    }

    @Test func theEmergencyStopHaltsEverythingAndRefusesMotionUntilReset() {
        var crane = OverheadCraneModel(asset: cranePath, seed: 1)
        var commands = CommandMaker(cranePath)
        _ = crane.step(to: morning)
        let jog = commands.make("jog", ["axis": .text("y"), "distance": .number(4)], at: morning)
        #expect(crane.perform(jog, at: morning) == .running)
        let time = morning + 3_000
        let position = crane.number("trolley_position", at: time)
        #expect(crane.perform(commands.make("emergency_stop", at: time), at: time) == .completed)
        #expect(crane.takeEvents().contains { if case .failed(jog.id, _, _, _) = $0 { true } else { false } })
        #expect(crane.flag("emergency_stop", at: time + 1_000) == true)
        let halted = crane.number("trolley_position", at: time + 1_000)
        #expect(halted - position < 0.1)
        #expect(
            crane.perform(commands.make("lower", ["speed": .number(0.1)], at: time + 1_000), at: time + 1_000).isRefused
        )
        #expect(crane.perform(commands.make("reset_emergency_stop", at: time + 2_000), at: time + 2_000) == .completed)
        #expect(crane.flag("emergency_stop", at: time + 3_000) == false)
        #expect(crane.number("trolley_position", at: time + 10_000) == halted)
    }
}
