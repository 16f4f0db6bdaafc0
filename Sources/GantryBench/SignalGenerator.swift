import Foundation
import GantryCore

/// A deterministic source of pseudo-random numbers (SplitMix64), so every engine sees the same workload.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Roughly normal with mean 0 and deviation 1 (sum of four uniforms, rescaled).
    mutating func gaussian() -> Double { (unit() + unit() + unit() + unit() - 2) * 1.732 }
}

/// One 1 Hz signal of the kinds a plant reports, quantised to its sensor's resolution as a PLC's scaled
/// integers are.
struct SignalGenerator {
    enum Kind: CaseIterable {
        /// A process value drifting slowly, with sensor noise: a bearing temperature at 0.1 °C.
        case drift
        /// A setpoint or valve position that holds and jumps: steps of 0.5.
        case step
        /// A counter of parts or strokes, climbing by 0 to 3 a second.
        case counter
        /// A recorded real series from the Numenta Anomaly Benchmark, interpolated to 1 Hz, at 0.01.
        case recorded
    }

    let kind: Kind
    private var random: SplitMix64
    private var value: Double
    private var phase: Double
    private let recorded: [Double]
    private var second = 0

    init(kind: Kind, seed: UInt64, recorded: [Double]) {
        self.kind = kind
        self.random = SplitMix64(seed: seed)
        self.recorded = recorded
        self.value = 20 + Double(seed % 60)
        self.phase = Double(seed % 628) / 100
    }

    /// The next second's value.
    mutating func next() -> Double {
        defer { second += 1 }
        switch kind {
        case .drift:
            let slow = 2 * sin(phase + Double(second) / 3600 * 2 * .pi)
            return Self.quantise(value + slow + 0.05 * random.gaussian(), resolution: 0.1)
        case .step:
            if random.unit() < 1.0 / 600 { value = Self.quantise(value + 5 * random.gaussian(), resolution: 0.5) }
            return Self.quantise(value, resolution: 0.5)
        case .counter:
            value += Double(random.next() % 4)
            return value
        case .recorded:
            guard recorded.count > 1 else { return 0 }
            // NAB rows are five minutes apart: interpolate between them for the seconds in between.
            let position = Double(second) / 300 + phase * 100
            let index = Int(position) % (recorded.count - 1)
            let fraction = position - position.rounded(.down)
            let interpolated = recorded[index] + (recorded[index + 1] - recorded[index]) * fraction
            return Self.quantise(interpolated, resolution: 0.01)
        }
    }

    /// Rounds to a multiple of `resolution` the way a scaled integer reads back: `n / (1 / resolution)`.
    static func quantise(_ value: Double, resolution: Double) -> Double {
        let scale = (1 / resolution).rounded()
        return (value * scale).rounded() / scale
    }

    /// The values of the NAB series found under `directory` (`data/<category>/<name>.csv`), one array each.
    static func loadRecorded(from directory: String) -> [[Double]] {
        let names = [
            "realKnownCause/machine_temperature_system_failure.csv",
            "realKnownCause/ambient_temperature_system_failure.csv",
            "realKnownCause/cpu_utilization_asg_misconfiguration.csv",
            "realKnownCause/ec2_request_latency_system_failure.csv",
            "realAWSCloudwatch/ec2_cpu_utilization_24ae8d.csv", "realAWSCloudwatch/rds_cpu_utilization_cc0c53.csv",
        ]
        return names.compactMap { name in
            guard let text = try? String(contentsOfFile: directory + "/data/" + name, encoding: .utf8) else {
                return nil
            }
            let values = text.split(separator: "\n").dropFirst().compactMap { line in
                line.split(separator: ",").last.flatMap { Double($0) }
            }
            return values.count > 1 ? values : nil
        }
    }
}
