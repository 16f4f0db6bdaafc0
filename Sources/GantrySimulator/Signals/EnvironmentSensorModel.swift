import Foundation
import GantryCore

/// A sound-level and light sensor on the machining line: noise and lighting follow the shift pattern, with
/// daylight from the roof lights adding to the lamps around noon.
public struct EnvironmentSensorModel: SignalModel {
    public let asset: AssetPath
    private let noise: SeededNoise
    private var ticker = ModelTicker()

    public init(asset: AssetPath, seed: UInt64) {
        self.asset = asset
        self.noise = SeededNoise(seed: seed, stream: asset.description)
    }

    public mutating func step(to time: Int64) -> [SimulatedSample] {
        _ = ticker.advance(to: time)
        let activity = ShiftPattern.activity(time)
        let hour = ShiftPattern.localHour(time)
        let daylight = max(0, sin((hour - 6) / 12 * Double.pi)) * 300
        var reading = Readings(asset, at: time)
        let sound = 48 + 30 * activity + 2.5 * noise.gaussian(10, time)
        reading.add("sound_level", sound, in: 30...120, places: 1)
        reading.add(
            "light_level", 40 + 460 * activity + daylight + 8 * noise.gaussian(11, time), in: 0...2000, places: 0)
        return reading.samples
    }
}
