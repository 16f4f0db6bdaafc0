import GantryControl
import GantryCore
import Testing

@testable import GantrySimulator

/// The device's own dead-man's switch: when a teleoperation session's heartbeats go quiet, the machine stops
/// by itself, on the same tick however often the simulation is stepped.
@Suite struct TeleoperationWatchdogTests {
    /// The last heartbeat: between two ticks, so "interval + one tick" is not met by accident.
    static let lastBeat = morning + 30_050

    /// Beats every 200 ms from `start` up to ``lastBeat``, stepping the simulation as a device would.
    static func beat(
        _ simulation: inout PlantSimulation, device: String, equipment: AssetPath, from start: Int64
    ) {
        var time = start
        var beat: Int64 = 0
        while time <= lastBeat {
            beat += 1
            let heartbeat = TeleoperationHeartbeat(
                session: "s1", equipment: equipment.description, beat: beat, sentAt: time)
            let echo = simulation.receive(heartbeat, device: device, at: time)
            #expect(echo == heartbeat.echoed(at: time))
            time = time + 200 > lastBeat && time < lastBeat ? lastBeat : time + 200
        }
    }

    /// Steps the control cycle every `step` ms from the last beat to `end`, collecting what it reports.
    static func advance(
        _ simulation: inout PlantSimulation, device: String, every step: Int64, to end: Int64
    ) -> [ControlEvent] {
        var events: [ControlEvent] = []
        var time = lastBeat
        while time < end {
            time = min(end, time + step)
            events += simulation.advanceControl(device: device, to: time)
        }
        return events
    }

    @Test(arguments: [Int64(200), 1_000, 5_000])
    func theLocomotiveBrakesWithinIntervalPlusOneTickAndStops(stepEvery step: Int64) throws {
        var simulation = PlantSimulation(plant: .standard, seed: 1)
        var commands = CommandMaker(locomotivePath)
        _ = simulation.step(asset: locomotivePath, to: morning)
        for command in [
            commands.make("set_direction", ["direction": .text("forward")], at: morning),
            commands.make("set_speed", ["speed": .number(6)], at: morning),
        ] {
            #expect(
                simulation.receive(command, device: "loco-01-plc", at: morning).map(\.status) == [
                    .accepted, .completed,
                ])
        }
        Self.beat(&simulation, device: "loco-01-plc", equipment: locomotivePath, from: morning + 20_000)
        func loco() -> LocomotiveModel? { simulation.models[locomotivePath] as? LocomotiveModel }
        #expect(loco()?.remote?.speed == 6)

        let limit = Self.lastBeat + HeartbeatWatchdog().intervalMilliseconds + tickMilliseconds
        let events = Self.advance(&simulation, device: "loco-01-plc", every: step, to: limit)
        let stop = try #require(events.first)
        guard case .safeStop(let equipment, let last, let at) = stop else {
            Issue.record("not a safe stop: \(stop)")
            return
        }
        #expect(equipment == locomotivePath && last == Self.lastBeat)
        #expect(at >= Self.lastBeat + 500 && at < limit)
        #expect(try #require(loco()?.remote?.speed) < 6, "braking by \(limit)")
        #expect(loco()?.remote?.brakeApplied == true)
        #expect(loco()?.teleoperation.watchdog.lastHeartbeat == nil, "the session ended")

        let samples = simulation.step(asset: locomotivePath, to: limit + 20_000)
        #expect(samples.numbers(locomotivePath.description + "/speed") == [0])
        #expect(abs(samples.numbers(locomotivePath.description + "/brake_pressure")[0] - 4.5) < 0.3)
        #expect(Self.advance(&simulation, device: "loco-01-plc", every: 1_000, to: limit + 60_000).isEmpty)
        #expect(loco()?.remote?.speed == 0, "stays stopped until a new command")
    }

    @Test func eachMachineWaitsTheWatchdogIntervalThePlantGivesIt() throws {
        var plant = SimulatedPlant.standard
        plant.heartbeatWatchdog = HeartbeatWatchdog(intervalMilliseconds: 3000)
        var simulation = PlantSimulation(plant: plant, seed: 1)
        var commands = CommandMaker(locomotivePath)
        _ = simulation.step(asset: locomotivePath, to: morning)
        let drive = commands.make("set_speed", ["speed": .number(6)], at: morning)
        #expect(simulation.receive(drive, device: "loco-01-plc", at: morning).map(\.status) == [.accepted, .completed])
        _ = simulation.step(asset: cranePath, to: morning)
        Self.beat(&simulation, device: "loco-01-plc", equipment: locomotivePath, from: morning + 20_000)
        Self.beat(&simulation, device: "crane-01-plc", equipment: cranePath, from: morning + 20_000)

        // Two seconds of silence would have stopped them at the default 500 ms; 3 s has not yet.
        for device in ["loco-01-plc", "crane-01-plc"] {
            #expect(Self.advance(&simulation, device: device, every: 200, to: Self.lastBeat + 2_000).isEmpty)
        }
        let limit = Self.lastBeat + 3_000 + tickMilliseconds
        let stops = Self.advance(&simulation, device: "loco-01-plc", every: 200, to: limit)
        guard case .safeStop(_, let last, let at)? = stops.first else {
            Issue.record("no safe stop by \(limit): \(stops)")
            return
        }
        #expect(last == Self.lastBeat && at >= Self.lastBeat + 3_000 && at < limit)
        let crane = try #require(simulation.models[cranePath] as? OverheadCraneModel)
        #expect(crane.teleoperation.watchdog.intervalMilliseconds == 3000)
    }

    @Test func theCraneStopsHoistingAndHolds() throws {
        var simulation = PlantSimulation(plant: .standard, seed: 1)
        var commands = CommandMaker(cranePath)
        _ = simulation.step(asset: cranePath, to: morning + 20_000)
        let hoist = commands.make("lower", ["speed": .number(0.05)], at: morning + 20_000)
        #expect(
            simulation.receive(hoist, device: "crane-01-plc", at: morning + 20_000).map(\.status) == [
                .accepted, .completed,
            ])
        Self.beat(&simulation, device: "crane-01-plc", equipment: cranePath, from: morning + 20_000)

        let limit = Self.lastBeat + 700
        let events = Self.advance(&simulation, device: "crane-01-plc", every: 200, to: limit)
        #expect(events.count == 1)
        guard case .safeStop(_, _, let at)? = events.first else {
            Issue.record("no safe stop: \(events)")
            return
        }
        #expect(at < limit)
        let crane = try #require(simulation.models[cranePath] as? OverheadCraneModel)
        #expect(crane.remote?.orders.isEmpty == true)
        let held = simulation.step(asset: cranePath, to: limit + 10_000).numbers(
            cranePath.description + "/hoist_height")
        let later = simulation.step(asset: cranePath, to: limit + 60_000).numbers(
            cranePath.description + "/hoist_height")
        #expect(held == later)
        #expect(held[0] > RemoteCrane.Axis.z.limits.lowerBound)
    }

    @Test func aHeartbeatAloneKeepsTheAutomaticCycleAndNoSessionNoStop() {
        var simulation = PlantSimulation(plant: .standard, seed: 1)
        _ = simulation.step(asset: locomotivePath, to: morning)
        #expect(simulation.advanceControl(device: "loco-01-plc", to: morning + 60_000).isEmpty)
        let beat = TeleoperationHeartbeat(
            session: "s", equipment: "jinan-workshop/assembly/bay-1/crane-01", beat: 1, sentAt: 0)
        #expect(simulation.receive(beat, device: "loco-01-plc", at: morning) == nil, "not the locomotive's equipment")
        #expect((simulation.models[locomotivePath] as? LocomotiveModel)?.remote == nil)
    }
}
