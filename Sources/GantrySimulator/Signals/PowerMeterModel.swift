import Foundation
import GantryCore

/// The machining line's feeder meter: current follows the shift with the machines' load swings on top,
/// voltage sags slightly with load, and active power is √3 · U · I · cos φ.
public struct PowerMeterModel: SignalModel {
    public let asset: AssetPath
    private let noise: SeededNoise
    private var ticker = ModelTicker()

    static let powerFactor = 0.88

    public init(asset: AssetPath, seed: UInt64) {
        self.asset = asset
        self.noise = SeededNoise(seed: seed, stream: asset.description)
    }

    public mutating func step(to time: Int64) -> [SimulatedSample] {
        _ = ticker.advance(to: time)
        let activity = ShiftPattern.activity(time)
        let minutes = Double(time) / 60_000
        let swing = 25 * sin(2 * Double.pi * minutes / 7) + 10 * sin(2 * Double.pi * minutes / 1.3)
        let current = max(0, 45 + 140 * activity + activity * swing + 3 * noise.gaussian(10, time))
        let voltage = 402 - current * 0.02 + 0.8 * noise.gaussian(11, time)
        var reading = Readings(asset, at: time)
        reading.add("current", current, in: 0...400, places: 1)
        reading.add("voltage", voltage, in: 0...450, places: 1)
        reading.add(
            "active_power", 3.0.squareRoot() * voltage * current * Self.powerFactor / 1000, in: 0...300, places: 1)
        return reading.samples
    }
}
