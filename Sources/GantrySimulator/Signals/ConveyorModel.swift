import GantryCore

/// The assembly line's belt conveyor: it runs at its set speed, counts items at the outfeed, and now and then
/// stops for a few minutes (a jam or a blocked outfeed) before ramping up again.
public struct ConveyorModel: SignalModel {
    public let asset: AssetPath
    private let noise: SeededNoise
    private var ticker = ModelTicker()
    private var speed = 0.0
    private var running = true
    private var stoppedUntil: Int64 = 0
    private var items: Int64 = 0

    static let setSpeed = 1.2

    public init(asset: AssetPath, seed: UInt64) {
        self.asset = asset
        self.noise = SeededNoise(seed: seed, stream: asset.description)
    }

    public mutating func step(to time: Int64) -> [SimulatedSample] {
        if let ticks = ticker.advance(to: time) {
            for tick in ticks { advance(tick) }
        }
        var reading = Readings(asset, at: time)
        reading.add("speed", speed > 0 ? speed + 0.01 * noise.gaussian(10, time) : 0, in: 0...6)
        let current = speed > 0 ? 14 + 6 * speed / Self.setSpeed + 0.5 * noise.gaussian(11, time) : 0
        reading.add("motor_current", current, in: 0...200, places: 1)
        reading.add("running", .bool(running))
        reading.add("item_count", .int(items))
        return reading.samples
    }

    private mutating func advance(_ tick: Int64) {
        if running, noise.chance(1.0 / 9000, 1, tick) {  // about once every half hour
            running = false
            stoppedUntil = tick + Int64(noise.uniform(300...1500, 2, tick))
        } else if !running, tick >= stoppedUntil {
            running = true
        }
        let target = running ? Self.setSpeed : 0
        speed = target > speed ? min(target, speed + 0.4 * tickSeconds) : max(target, speed - 0.8 * tickSeconds)
        // An item passes the outfeed about every 6 s at full speed.
        if speed > 0, noise.chance(tickSeconds / 6 * speed / Self.setSpeed, 3, tick) { items += 1 }
    }
}
