import GantryCore
import Testing

@testable import GantrySimulator

/// The signal models: reproducible, plausible, and doing what the equipment does.
@Suite struct SignalModelTests {
    static let loco = "qingdao-mine/underground/haulage/loco-01"

    @Test func theSameSeedGivesTheSameSamples() {
        var first = PlantSimulation(plant: .standard, seed: 42)
        var second = PlantSimulation(plant: .standard, seed: 42)
        var other = PlantSimulation(plant: .standard, seed: 43)
        let samples = first.run(minutes: 10)
        #expect(samples == second.run(minutes: 10))
        #expect(samples != other.run(minutes: 10))
    }

    @Test(arguments: SignalModelKind.allCases)
    func samplesDependOnlyOnTimeNotOnHowOftenTheModelIsStepped(kind: SignalModelKind) throws {
        let asset = try #require(SimulatedPlant.standard.assets.first { $0.model == kind })
        var often = kind.model(for: asset.path, seed: 7)
        var rarely = kind.model(for: asset.path, seed: 7)
        _ = often.step(to: morning)
        _ = rarely.step(to: morning)
        for second in stride(from: Int64(1), through: 1_800, by: 1) {
            let samples = often.step(to: morning + second * 1_000)
            if second % 300 == 0 { #expect(samples == rarely.step(to: morning + second * 1_000)) }
        }
    }

    @Test func everySampleStaysWithinItsTagsRangeAndTypeForAnHour() throws {
        let plant = SimulatedPlant.standard
        var simulation = PlantSimulation(plant: plant, seed: 2024)
        let samples = simulation.run(minutes: 60)
        #expect(samples.count > 50_000)
        for sample in samples {
            let tag = try #require(plant.tag(sample.tag), "\(sample.tag) is not in the plant")
            #expect(sample.value.dataType == tag.dataType, "\(sample.tag)")
            if case .double(let value) = sample.value {
                #expect(value.isFinite)
                if let min = tag.min { #expect(value >= min, "\(sample.tag) = \(value)") }
                if let max = tag.max { #expect(value <= max, "\(sample.tag) = \(value)") }
            }
            if case .int(let value) = sample.value {
                if let min = tag.min { #expect(Double(value) >= min, "\(sample.tag) = \(value)") }
                if let max = tag.max { #expect(Double(value) <= max, "\(sample.tag) = \(value)") }
            }
        }
        let position = samples.numbers("\(Self.loco)/position")
        #expect(position.allSatisfy { (0...2000).contains($0) })
    }

    @Test func theLocomotiveShuttlesBetweenBothEndsOfTheDrift() {
        var simulation = PlantSimulation(plant: .standard, seed: 5)
        let samples = simulation.run(minutes: 60, devices: ["loco-01-plc"])
        let position = samples.numbers("\(Self.loco)/position")
        #expect(position.min()! <= 1)
        #expect(position.max()! >= 1999)
        // It turns round at least twice in an hour: out, back, out again.
        let turns = zip(position, position.dropFirst()).map { $1 - $0 }.filter { $0 != 0 }.map { $0 > 0 }
        #expect(zip(turns, turns.dropFirst()).filter { $0 != $1 }.count >= 2)
        #expect(samples.numbers("\(Self.loco)/speed").max()! > 3)
        #expect(samples.numbers("\(Self.loco)/ore_load").max()! > 15)
        let direction = Set(samples.numbers("\(Self.loco)/direction"))
        #expect(direction == [-1, 0, 1])
    }

    @Test func theLocomotiveDrawsMoreCurrentLoadedAndChargesAtTheLoadingEnd() {
        var simulation = PlantSimulation(plant: .standard, seed: 5)
        let samples = simulation.run(minutes: 60, devices: ["loco-01-plc"])
        let rows = zip(
            zip(samples.numbers("\(Self.loco)/speed"), samples.numbers("\(Self.loco)/ore_load")),
            zip(samples.numbers("\(Self.loco)/motor_current"), samples.numbers("\(Self.loco)/battery_soc")))
        let cruisingLoaded = rows.filter { $0.0.0 > 3.4 && $0.0.1 > 15 }.map { $0.1.0 }
        let cruisingEmpty = rows.filter { $0.0.0 > 3.4 && $0.0.1 == 0 }.map { $0.1.0 }
        #expect(!cruisingLoaded.isEmpty && !cruisingEmpty.isEmpty)
        #expect(average(cruisingLoaded) > average(cruisingEmpty) * 1.5)
        let positions = samples.numbers("\(Self.loco)/position")
        let charging = zip(positions, rows.map { $0.1.1 }).filter { $0.0 == 2000 }.map { $0.1 }
        #expect(zip(charging, charging.dropFirst()).contains { $1 > $0 })
    }

    @Test func cellStatesCycleAndCountsOnlyIncrease() {
        var simulation = PlantSimulation(plant: .standard, seed: 11)
        let samples = simulation.run(minutes: 240, devices: ["cnc-01-plc", "cnc-02-plc", "line-2-gateway"])
        for cell in [
            "jinan-workshop/machining/line-1/cnc-01", "jinan-workshop/machining/line-1/cnc-02",
            "jinan-workshop/assembly/line-2/cell-1",
        ] {
            let states = samples.strings("\(cell)/state")
            #expect(Set(states).isSubset(of: ["running", "idle", "down", "setup"]))
            #expect(Set(states).count >= 3, "\(cell) only showed \(Set(states))")
            #expect(zip(states, states.dropFirst()).filter { $0 != $1 }.count >= 4, "\(cell)")
            for counter in ["good_count", "scrap_count"] {
                let counts = samples.numbers("\(cell)/\(counter)")
                #expect(zip(counts, counts.dropFirst()).allSatisfy { $0 <= $1 }, "\(cell)/\(counter)")
            }
            #expect(samples.numbers("\(cell)/good_count").last! > 20)
        }
        let parts = samples.numbers("jinan-workshop/machining/line-1/cnc-01/part_count")
        let good = samples.numbers("jinan-workshop/machining/line-1/cnc-01/good_count")
        let scrap = samples.numbers("jinan-workshop/machining/line-1/cnc-01/scrap_count")
        #expect(parts.last! == good.last! + scrap.last!)
    }

    @Test func vehiclesMoveBetweenStationsWithChangingOrders() {
        var simulation = PlantSimulation(plant: .standard, seed: 3)
        let samples = simulation.run(minutes: 60, devices: ["agv-01-controller", "rgv-01-plc"])
        let agv = "jinan-workshop/logistics/fleet/agv-01"
        #expect(Set(samples.strings("\(agv)/task")).count >= 4)
        #expect(Set(samples.strings("\(agv)/state")).isSuperset(of: ["idle", "moving"]))
        #expect(samples.numbers("\(agv)/x").max()! - samples.numbers("\(agv)/x").min()! > 20)
        let track = samples.numbers("jinan-workshop/machining/line-1/rgv-01/track_position")
        #expect(track.max()! - track.min()! >= 10)
    }

    @Test func theHoistWindsWithTheBrakeReleasedOnlyWhileMoving() {
        var simulation = PlantSimulation(plant: .standard, seed: 8)
        let samples = simulation.run(minutes: 30, devices: ["hoist-01-plc"])
        let hoist = "qingdao-mine/surface/shaft/hoist-01"
        let depth = samples.numbers("\(hoist)/skip_depth")
        #expect(depth.min()! == 0 && depth.max()! == 620)
        let speeds = samples.numbers("\(hoist)/rope_speed")
        let brakes = samples.filter { $0.tag.description == "\(hoist)/brake_engaged" }.map { $0.value == .bool(true) }
        #expect(zip(speeds, brakes).allSatisfy { speed, braked in braked == (speed == 0) || speed < 0.1 })
    }

    private func average(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
}
