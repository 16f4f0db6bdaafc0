import GantryCore

/// A pure model of one asset's signals: given the same seed and times it gives the same samples.
///
/// Models advance in fixed ticks of ``tickMilliseconds``, whatever times they are stepped to, and draw their
/// randomness from ``SeededNoise`` by tick, so skipping publishes (a lost link) leaves the physics unchanged.
public protocol SignalModel: Sendable {
    /// The asset whose tags the model produces.
    var asset: AssetPath { get }
    /// Advances the model to `time` (epoch milliseconds) and returns the value of every tag at that time.
    ///
    /// The first call starts the model at `time`; a time earlier than the last one returns the current values.
    mutating func step(to time: Int64) -> [SimulatedSample]
}

/// The fixed step every model advances by, in milliseconds.
let tickMilliseconds: Int64 = 200
/// The same step in seconds, for the physics.
let tickSeconds = Double(tickMilliseconds) / 1000

/// The ticks a model still has to run to reach a time.
struct ModelTicker: Sendable, Hashable {
    /// The last tick run, `nil` before the first step.
    private(set) var tick: Int64?

    /// The ticks after the last one up to and including the one containing `time`; the first call starts at `time`.
    mutating func advance(to time: Int64) -> ClosedRange<Int64>? {
        let target = time.floorDivided(by: tickMilliseconds)
        guard let last = tick else {
            tick = target
            return nil
        }
        guard target > last else { return nil }
        tick = target
        return (last + 1)...target
    }
}

extension Int64 {
    /// Division rounding towards minus infinity, so ticks stay ordered before 1970 too.
    func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}

/// The tags of one reading, built in the model's tag order.
struct Readings {
    let asset: AssetPath
    let time: Int64
    private(set) var samples: [SimulatedSample] = []

    init(_ asset: AssetPath, at time: Int64) {
        self.asset = asset
        self.time = time
    }

    mutating func add(_ name: String, _ value: SampleValue) {
        samples.append(SimulatedSample(tag: try! TagPath(asset: asset, name: name), time: time, value: value))
    }

    /// A measured value rounded to `places` decimals and kept within `range`.
    mutating func add(_ name: String, _ value: Double, in range: ClosedRange<Double>, places: Int = 2) {
        add(name, .double(value.clamped(to: range).rounded(places: places)))
    }
}

extension Double {
    func clamped(to range: ClosedRange<Double>) -> Double {
        Swift.min(Swift.max(self, range.lowerBound), range.upperBound)
    }

    func rounded(places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (self * scale).rounded() / scale
    }
}
