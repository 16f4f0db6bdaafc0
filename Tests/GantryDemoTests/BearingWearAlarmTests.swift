import GantryAlarms
import GantryCore
import GantryDemo
import GantrySimulator
import Testing

/// In simulated time, with the demo's seed: a healthy fan raises no vibration alarm, and a worn bearing raises
/// the H alarm about a minute after the fault is injected, then the HH.
@Suite struct BearingWearAlarmTests {
    static let fan = try! AssetPath("qingdao-mine/underground/ventilation/fan-01")
    /// 2024-03-04 08:00 in Qingdao (UTC+8).
    static let morning: Int64 = 1_709_510_400_000

    /// The fan as its PLC publishes it (every 2 s) from `start` for `seconds`, each sample fed to `evaluator`
    /// and the delays ticked; returns the journal.
    func run(
        _ simulation: inout PlantSimulation, _ evaluator: inout AlarmEvaluator, from start: Int64, seconds: Int64
    ) -> [JournalEntry] {
        var journal: [JournalEntry] = []
        var time = start
        while time < start + seconds * 1000 {
            for sample in simulation.step(asset: Self.fan, to: time) {
                if let id = evaluator.tagID(of: sample.tag) {
                    evaluator.evaluate(tagID: id, time: sample.time, value: sample.value, into: &journal)
                }
            }
            evaluator.tick(now: time, into: &journal)
            time += 2_000
        }
        return journal
    }

    func raised(_ alarmID: String, in journal: [JournalEntry]) -> JournalEntry? {
        journal.first { $0.alarmID == alarmID && $0.to == .activeUnacknowledged }
    }

    @Test func aWornBearingRaisesTheFanVibrationAlarmWithinAboutAMinute() throws {
        var simulation = PlantSimulation(plant: .standard, seed: DemoSimulator.seed)
        var evaluator = try AlarmEvaluator(rules: DemoAlarmRules.standard)

        // Two healthy hours: the limits sit above what a sound bearing does.
        let healthy = run(&simulation, &evaluator, from: Self.morning, seconds: 2 * 3600)
        #expect(healthy.filter { $0.ruleID == "fan-01-vibration" }.isEmpty, "\(healthy)")

        let injected = Self.morning + 2 * 3_600_000
        try simulation.inject(.bearingWear(Self.fan), at: injected)
        let worn = run(&simulation, &evaluator, from: injected, seconds: 15 * 60)
        let high = try #require(raised("fan-01-vibration.h", in: worn), "no H alarm in 15 minutes: \(worn)")
        #expect(high.time - injected <= 90_000, "H raised \(high.time - injected) ms after the injection")
        let highHigh = try #require(raised("fan-01-vibration.hh", in: worn), "no HH alarm in 15 minutes")
        #expect(highHigh.time > high.time)
        #expect(highHigh.priority < high.priority)
    }
}
