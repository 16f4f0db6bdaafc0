import GantryControl
import GantryCore
import Testing

@testable import GantrySimulator

/// The locomotive in remote mode, as a pure value stepped through plain times.
@Suite struct RemoteLocomotiveTests {
    /// A locomotive taken over at standstill at `morning`, driving forward at `speed` for 40 s.
    static func driving(at speed: Double) -> (LocomotiveModel, CommandMaker, Int64) {
        var loco = LocomotiveModel(asset: locomotivePath, seed: 1)
        var commands = CommandMaker(locomotivePath)
        _ = loco.step(to: morning)
        #expect(
            loco.perform(commands.make("set_direction", ["direction": .text("forward")], at: morning), at: morning)
                == .completed)
        #expect(
            loco.perform(commands.make("set_speed", ["speed": .number(speed)], at: morning), at: morning) == .completed)
        let time = morning + 40_000
        _ = loco.step(to: time)
        return (loco, commands, time)
    }

    @Test func followsTheSpeedTargetAtItsAccelerationAndBrakesToALowerOne() {
        var loco = LocomotiveModel(asset: locomotivePath, seed: 1)
        var commands = CommandMaker(locomotivePath)
        _ = loco.step(to: morning)
        #expect(
            loco.perform(commands.make("set_direction", ["direction": .text("forward")], at: morning), at: morning)
                == .completed)
        #expect(loco.perform(commands.make("set_speed", ["speed": .number(5)], at: morning), at: morning) == .completed)
        // 0.3 m/s² for 10 s.
        #expect(abs(loco.number("speed", at: morning + 10_000) - 3) < 0.15)
        #expect(loco.number("direction", at: morning + 10_000) == 1)
        #expect(abs(loco.number("speed", at: morning + 30_000) - 5) < 0.15)
        #expect(loco.number("brake_pressure", at: morning + 30_000) < 0.5)
        let position = loco.number("position", at: morning + 30_000)
        #expect(position > 50)

        let slower = morning + 30_000
        #expect(loco.perform(commands.make("set_speed", ["speed": .number(2)], at: slower), at: slower) == .completed)
        #expect(abs(loco.number("brake_pressure", at: slower + 2_000) - 3.5) < 0.5, "service braking")
        #expect(abs(loco.number("speed", at: slower + 10_000) - 2) < 0.15)
        #expect(loco.number("position", at: slower + 10_000) > position)
    }

    @Test func refusesADirectionChangeWhileMoving() {
        var (loco, commands, time) = Self.driving(at: 4)
        let outcome = loco.perform(commands.make("set_direction", ["direction": .text("reverse")], at: time), at: time)
        guard case .refused(let reason) = outcome else {
            Issue.record("a direction change at 4 m/s was \(outcome)")
            return
        }
        #expect(reason.contains("standstill"))
        #expect(loco.number("direction", at: time + 1_000) == 1)
        #expect(loco.number("speed", at: time + 1_000) > 3.5)
    }

    @Test func theBrakeCutsTractionAndStopsTheTrainForGood() {
        var (loco, commands, time) = Self.driving(at: 5)
        #expect(loco.perform(commands.make("brake", ["applied": .bool(true)], at: time), at: time) == .completed)
        // 0.5 m/s² for 2 s, no traction current.
        #expect(abs(loco.number("speed", at: time + 2_000) - 4) < 0.15)
        #expect(abs(loco.number("brake_pressure", at: time + 2_000) - 4.5) < 0.3)
        #expect(loco.number("motor_current", at: time + 2_000) < 8)
        #expect(loco.number("speed", at: time + 12_000) == 0)
        let released = time + 12_000
        #expect(
            loco.perform(commands.make("brake", ["applied": .bool(false)], at: released), at: released) == .completed)
        #expect(loco.number("speed", at: released + 5_000) == 0, "releasing the brake does not start the train")
        #expect(loco.number("brake_pressure", at: released + 5_000) < 0.5)
    }

    @Test func theEmergencyStopLatchesAndResetsOnlyAtStandstill() {
        var (loco, commands, time) = Self.driving(at: 6)
        #expect(loco.perform(commands.make("emergency_stop", at: time), at: time) == .completed)
        // 1.2 m/s² for 1 s.
        #expect(abs(loco.number("speed", at: time + 1_000) - 4.8) < 0.15)
        #expect(loco.flag("emergency_stop", at: time + 1_000) == true)
        #expect(loco.number("brake_pressure", at: time + 1_000) > 8)
        let moving = time + 1_000
        #expect(loco.perform(commands.make("set_speed", ["speed": .number(3)], at: moving), at: moving).isRefused)
        #expect(loco.perform(commands.make("reset_emergency_stop", at: moving), at: moving).isRefused)
        #expect(loco.perform(commands.make("horn", ["seconds": .number(1)], at: moving), at: moving) == .completed)

        let stopped = time + 6_000
        #expect(loco.number("speed", at: stopped) == 0)
        #expect(loco.flag("emergency_stop", at: stopped) == true)
        #expect(loco.perform(commands.make("reset_emergency_stop", at: stopped), at: stopped) == .completed)
        #expect(loco.flag("emergency_stop", at: stopped + 1_000) == false)
        #expect(abs(loco.number("brake_pressure", at: stopped + 1_000) - 4.5) < 0.3, "the brake stays applied")
        #expect(loco.number("speed", at: stopped + 1_000) == 0)
    }

    @Test func stopsBeforeTheEndOfTheDrift() {
        var (loco, commands, time) = Self.driving(at: 12)
        _ = commands
        let end = time + 600_000
        #expect(loco.number("speed", at: end) == 0)
        #expect(loco.number("position", at: end) <= LocomotiveModel.loadingEnd)
        #expect(loco.number("position", at: end) > LocomotiveModel.loadingEnd - 1)
    }
}
