import GantryCore
import Testing

@testable import GantrySimulator

/// Each fault changes what it should, only that, and goes away when cleared.
@Suite struct SimulatedFaultTests {
    static let fan = "qingdao-mine/underground/ventilation/fan-01"

    /// A faulted and a clean run of `device` with the same seed; the fault starts after `after` minutes.
    func compare(
        _ fault: SimulatedFault, device: String, after: Int = 10, minutes: Int = 40
    ) throws -> (clean: [SimulatedSample], faulty: [SimulatedSample]) {
        var clean = PlantSimulation(plant: .standard, seed: 99)
        var faulty = PlantSimulation(plant: .standard, seed: 99)
        let cleanSamples = clean.run(minutes: after, devices: [device])
        let faultySamples = faulty.run(minutes: after, devices: [device])
        let start = morning + Int64(after) * 60_000
        try faulty.inject(fault, at: start)
        let rest = Int64(minutes - after) * 60_000
        return (
            cleanSamples + clean.run(from: start + 1_000, minutes: Int(rest / 60_000), devices: [device]),
            faultySamples + faulty.run(from: start + 1_000, minutes: Int(rest / 60_000), devices: [device])
        )
    }

    @Test(arguments: [fan, "jinan-workshop/machining/line-1/cnc-02"])
    func bearingWearRaisesVibrationOverMinutes(asset: String) throws {
        let device = asset == Self.fan ? "fan-01-plc" : "cnc-02-plc"
        let (clean, faulty) = try compare(.bearingWear(try AssetPath(asset)), device: device)
        let cleanVibration = clean.numbers("\(asset)/vibration")
        let faultyVibration = faulty.numbers("\(asset)/vibration")
        let perMinute = cleanVibration.count / 40
        // Before the fault the runs agree; afterwards the worn bearing vibrates more, and more so later.
        #expect(Array(cleanVibration.prefix(10 * perMinute)) == Array(faultyVibration.prefix(10 * perMinute)))
        let early = zip(cleanVibration, faultyVibration).dropFirst(12 * perMinute).prefix(3 * perMinute).map { $1 - $0 }
        let late = zip(cleanVibration, faultyVibration).suffix(3 * perMinute).map { $1 - $0 }
        #expect(early.allSatisfy { $0 >= 0 } && late.allSatisfy { $0 >= 0 })
        #expect(average(late) > average(early) + 3)
        #expect(average(late) > 8)
        // Only the bearing's signals change.
        let others = { (samples: [SimulatedSample]) in
            samples.filter { !["vibration", "bearing_temperature"].contains($0.tag.name) }
        }
        #expect(others(clean) == others(faulty))
    }

    @Test func aWornBearingShowsWithinAMinute() {
        #expect(ActiveFault.wearVibration(minutes: 0) == 0)
        #expect(ActiveFault.wearVibration(minutes: 0.5) > 1)
        #expect(ActiveFault.wearVibration(minutes: 1) >= 2.4)
        #expect(ActiveFault.wearVibration(minutes: 10) > ActiveFault.wearVibration(minutes: 5))
        #expect(ActiveFault.wearVibration(minutes: 600) == 30)
    }

    @Test func aDriftingSensorWandersFurtherWithTime() throws {
        let tag = "\(Self.fan)/airflow"
        let (clean, faulty) = try compare(.sensorDrift(try TagPath(tag)), device: "fan-01-plc")
        let offsets = zip(clean.numbers(tag), faulty.numbers(tag)).map { $1 - $0 }
        let perMinute = offsets.count / 40
        #expect(offsets.prefix(10 * perMinute).allSatisfy { $0 == 0 })
        let afterFive = offsets[15 * perMinute]
        let afterTwentyFive = offsets[35 * perMinute]
        #expect(afterFive > 4 && afterTwentyFive > afterFive * 3)
    }

    @Test func aStuckValueHoldsAndComesBackWhenCleared() throws {
        let tag = "qingdao-mine/underground/haulage/loco-01/position"
        var clean = PlantSimulation(plant: .standard, seed: 4)
        var faulty = PlantSimulation(plant: .standard, seed: 4)
        _ = clean.run(minutes: 3, devices: ["loco-01-plc"])
        _ = faulty.run(minutes: 3, devices: ["loco-01-plc"])
        let start = morning + 3 * 60_000
        let fault = SimulatedFault.stuckValue(try TagPath(tag))
        try faulty.inject(fault, at: start)
        let truth = clean.run(from: start + 1_000, minutes: 5, devices: ["loco-01-plc"]).numbers(tag)
        let held = faulty.run(from: start + 1_000, minutes: 5, devices: ["loco-01-plc"]).numbers(tag)
        #expect(Set(held).count == 1)
        #expect(Set(truth).count > 100)
        try faulty.clear(fault)
        #expect(faulty.activeFaults.isEmpty)
        let later = start + 6 * 60_000
        #expect(
            try faulty.step(device: "loco-01-plc", to: later) == (try clean.step(device: "loco-01-plc", to: later)))
    }

    @Test func linkLossIsADeviceFaultThatLeavesTheSignalsAlone() throws {
        var simulation = PlantSimulation(plant: .standard, seed: 1)
        try simulation.inject(.linkLoss(device: "cnc-01-plc"), at: morning)
        #expect(simulation.isLinkLost("cnc-01-plc"))
        #expect(!simulation.isLinkLost("cnc-02-plc"))
        var clean = PlantSimulation(plant: .standard, seed: 1)
        #expect(simulation.run(minutes: 2) == clean.run(minutes: 2))
        try simulation.clear(.linkLoss(device: "cnc-01-plc"))
        #expect(!simulation.isLinkLost("cnc-01-plc"))
    }

    @Test func faultsAtUnknownOrUnsuitableTargetsAreRefusedWithTheirCode() throws {
        var simulation = PlantSimulation(plant: .standard, seed: 1)
        let cases: [(SimulatedFault, SimulatorError.Code)] = [
            (.linkLoss(device: "loco-99-plc"), .unknownTarget),
            (SimulatedFault(.bearingWear, target: "qingdao-mine/underground/haulage/loco-99"), .unknownTarget),
            (SimulatedFault(.sensorDrift, target: "not a path"), .unknownTarget),
            (.bearingWear(try AssetPath("jinan-workshop/assembly/line-2/conveyor-01")), .faultNotApplicable),
            (.sensorDrift(try TagPath("jinan-workshop/machining/line-1/cnc-01/state")), .faultNotApplicable),
            (.stuckValue(try TagPath("jinan-workshop/machining/line-1/cnc-01/online")), .unknownTarget),
        ]
        for (fault, code) in cases {
            #expect(throws: SimulatorError.self) { try simulation.inject(fault, at: 0) }
            do {
                try simulation.inject(fault, at: 0)
            } catch {
                #expect(error.code == code, "\(fault)")
            }
        }
        #expect(simulation.activeFaults.isEmpty)
        #expect(throws: SimulatorError(.faultNotActive, "fault link-loss@cnc-01-plc is not active")) {
            try simulation.clear(.linkLoss(device: "cnc-01-plc"))
        }
        #expect(throws: SimulatorError.self) { try SimulatedFault(kind: "gearbox-explodes", target: "x") }
        #expect(try SimulatedFault(kind: "link-loss", target: "cnc-01-plc") == .linkLoss(device: "cnc-01-plc"))
    }

    private func average(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
}
