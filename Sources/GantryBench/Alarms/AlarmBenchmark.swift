import Foundation
import GantryAlarms
import GantryCore

/// `gantry bench alarms`: how many samples per second one evaluator turns into alarm transitions on one
/// thread, with a plant-sized rule set (the issue's target: 1 000 000 samples/s through 10 000 rules).
public enum AlarmBenchmark {
    /// What a run achieved.
    public struct Result: Sendable {
        public let samples: Int
        public let rules: Int
        public let alarms: Int
        public let seconds: Double
        public let samplesPerSecond: Double
        public let transitions: Int
        public let annunciations: Int
    }

    /// The issue's target, in samples per second on one core.
    public static let target = 1_000_000

    /// Builds `rules` rules over `tags` tags (80 % limit rules with H, HH and L, 8 % rate of change, 6 %
    /// deviation, 4 % expression over two tags, 2 % discrete; a quarter with a 5 s on-delay), generates
    /// `samples` mean-reverting random-walk samples (each tag at 1 Hz, tags in a fixed shuffled order),
    /// then times feeding them through one evaluator on the calling thread, with a `tick` per simulated
    /// second.
    public static func run(
        samples: Int, rules ruleCount: Int, tags tagCount: Int, seed: UInt64 = 42, print report: (String) -> Void
    ) throws -> Result {
        var random = SplitMix(seed: seed)
        let tags = try (0..<tagCount).map { index in
            try TagPath("bench/site/line-\(index / 100)/unit-\(index)/pv")
        }
        let rules = try (0..<ruleCount).map { index in
            try rule(index, tags: tags, random: &random)
        }
        var evaluator = try AlarmEvaluator(rules: rules)
        let ids = tags.map { evaluator.tagID(registering: $0) }
        report(
            "alarms rules=\(ruleCount) alarms=\(evaluator.alarmCount) tags=\(tagCount) samples=\(samples)"
                + " (generating)")

        var order = Array(0..<tagCount)
        order.shuffle(using: &random)
        var levels = (0..<tagCount).map { _ in Double.random(in: 30...70, using: &random) }
        var sampleTags = [Int32](repeating: 0, count: samples)
        var sampleValues = [Double](repeating: 0, count: samples)
        for index in 0..<samples {
            let tag = order[index % tagCount]
            // Mean-reverting walk around 50 (stationary spread ≈ 13): limits at 80/90/20 are crossed now
            // and then, as a healthy plant does.
            levels[tag] += (50 - levels[tag]) * 0.001 + Double.random(in: -1...1, using: &random)
            sampleTags[index] = Int32(ids[tag])
            sampleValues[index] = levels[tag]
        }

        let start: Int64 = 1_800_000_000_000
        var journal: [JournalEntry] = []
        journal.reserveCapacity(1024)
        var transitions = 0
        var annunciations = 0
        let progressEvery = max(samples / 10, 1)
        let clock = ContinuousClock()
        let began = clock.now
        for index in 0..<samples {
            let round = index / tagCount
            let time = start + Int64(round) * 1000
            if index % tagCount == 0 {
                evaluator.tick(now: time, into: &journal)
            }
            evaluator.evaluate(
                tagID: Int(sampleTags[index]), time: time, value: .double(sampleValues[index]), quality: .good,
                into: &journal)
            if !journal.isEmpty {
                transitions += journal.count
                for entry in journal where entry.isAnnunciation { annunciations += 1 }
                journal.removeAll(keepingCapacity: true)
            }
            if (index + 1) % progressEvery == 0, index + 1 < samples {
                report("alarms progress \((index + 1) / progressEvery * 10)% transitions=\(transitions)")
            }
        }
        let elapsed = clock.now - began
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let rate = Double(samples) / seconds
        let result = Result(
            samples: samples, rules: ruleCount, alarms: evaluator.alarmCount, seconds: seconds,
            samplesPerSecond: rate, transitions: transitions, annunciations: annunciations)
        report(
            "alarms evaluated \(samples) samples in \(String(format: "%.3f", seconds)) s: "
                + "\(Int(rate)) samples/s, \(transitions) transitions (\(annunciations) annunciations)")
        report("alarms samples_per_s=\(Int(rate)) target=\(target)")
        return result
    }

    private static func rule(_ index: Int, tags: [TagPath], random: inout SplitMix) throws -> AlarmRule {
        let tag = tags[index % tags.count]
        let neighbour = tags[(index + 1) % tags.count]
        let condition: AlarmCondition
        switch index % 50 {
        case 0..<40:
            condition = .limit(
                LimitCondition(
                    tag: tag, highHigh: LimitThreshold(90, priority: .critical), high: LimitThreshold(80),
                    low: LimitThreshold(20), deadband: 1))
        case 40..<44:
            condition = .rateOfChange(RateOfChangeCondition(tag: tag, limitPerSecond: 0.995, deadband: 0.1))
        case 44..<47:
            condition = .deviation(DeviationCondition(tag: tag, setpoint: neighbour, limit: 35, deadband: 2))
        case 47..<49:
            condition = .expression(try AlarmExpression("{\(tag)} > 75 and {\(neighbour)} > 60"))
        default:
            condition = .discrete(DiscreteCondition(tag: tag, alarmState: .code(77)))
        }
        return AlarmRule(
            id: "bench-\(index)", asset: tag.asset, condition: condition, priority: .medium,
            message: "Unit \(index) abnormal", onDelayMilliseconds: index % 4 == 0 ? 5_000 : 0,
            offDelayMilliseconds: index % 8 == 1 ? 3_000 : 0)
    }
}

/// SplitMix64: a small, fast, seeded generator, so every run feeds the same samples.
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
