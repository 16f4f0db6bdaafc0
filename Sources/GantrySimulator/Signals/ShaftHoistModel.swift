import GantryCore

/// A skip hoist: it loads ore at the shaft bottom (620 m), winds to the collar at full rope speed, dumps, and
/// returns empty; the brake holds whenever the skip stands.
public struct ShaftHoistModel: SignalModel {
    public let asset: AssetPath
    private let noise: SeededNoise
    private var ticker = ModelTicker()
    private var travel = TravelProfile(position: 620, maximumSpeed: 10, acceleration: 0.8, deceleration: 0.9)
    private var phase = Phase.loading(untilTick: nil)
    private var load = 0.0

    static let shaftDepth = 620.0

    enum Phase: Hashable, Sendable {
        case loading(untilTick: Int64?)
        case winding(to: Double)
        case dumping(untilTick: Int64?)
    }

    public init(asset: AssetPath, seed: UInt64) {
        self.asset = asset
        self.noise = SeededNoise(seed: seed, stream: asset.description)
    }

    public mutating func step(to time: Int64) -> [SimulatedSample] {
        if let ticks = ticker.advance(to: time) {
            for tick in ticks { advance(tick) }
        }
        var reading = Readings(asset, at: time)
        let moving: Bool
        if case .winding = phase { moving = travel.speed > 0 } else { moving = false }
        reading.add("rope_speed", moving ? travel.speed + 0.02 * noise.gaussian(10, time) : 0, in: 0...12)
        reading.add("load", load + 0.05 * noise.gaussian(11, time), in: 0...15)
        reading.add("brake_engaged", .bool(!moving))
        reading.add("skip_depth", travel.position, in: 0...Self.shaftDepth, places: 1)
        return reading.samples
    }

    private mutating func advance(_ tick: Int64) {
        switch phase {
        case .loading(let until):
            guard let until else {
                phase = .loading(untilTick: tick + Int64(noise.uniform(100...150, 1, tick)))
                return
            }
            load = min(12, load + 12.0 / 20 * tickSeconds)
            if tick >= until { phase = .winding(to: 0) }
        case .winding(let target):
            if travel.advance(toward: target, seconds: tickSeconds) == .arrived {
                phase = target == 0 ? .dumping(untilTick: nil) : .loading(untilTick: nil)
            }
        case .dumping(let until):
            guard let until else {
                phase = .dumping(untilTick: tick + Int64(noise.uniform(60...90, 2, tick)))
                return
            }
            load = max(0, load - 12.0 / 10 * tickSeconds)
            if tick >= until { phase = .winding(to: Self.shaftDepth) }
        }
    }
}
