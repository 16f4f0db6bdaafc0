import Foundation
import GantryCore

/// A main ventilation fan running around the clock: airflow wanders slowly around its duty point, motor
/// current follows the fan law (power with the cube of flow), vibration and bearing temperature sit at a
/// healthy baseline until a bearing fault raises them.
public struct VentilationFanModel: SignalModel {
    public let asset: AssetPath
    private let noise: SeededNoise
    private var ticker = ModelTicker()
    private let dutyAirflow: Double
    private let phaseOffset: Double

    public init(asset: AssetPath, seed: UInt64) {
        self.asset = asset
        self.noise = SeededNoise(seed: seed, stream: asset.description)
        self.dutyAirflow = noise.uniform(170...190, 1, 0)
        self.phaseOffset = noise.uniform(0...(2 * Double.pi), 2, 0)
    }

    public mutating func step(to time: Int64) -> [SimulatedSample] {
        _ = ticker.advance(to: time)
        // Demand follows blasting and haulage over a half-hour rhythm; no state beyond the time is needed.
        let minutes = Double(time) / 60_000
        let airflow = dutyAirflow * (1 + 0.04 * sin(2 * Double.pi * minutes / 30 + phaseOffset))
        let ratio = airflow / 180
        var reading = Readings(asset, at: time)
        reading.add("airflow", airflow + 1.2 * noise.gaussian(10, time), in: 0...250, places: 1)
        reading.add("vibration", 2.4 + 0.25 * abs(noise.gaussian(11, time)), in: 0...50)
        reading.add("motor_current", 260 * ratio * ratio * ratio + 2 * noise.gaussian(12, time), in: 0...400, places: 1)
        reading.add("bearing_temperature", 52 + 3 * ratio + 0.3 * noise.gaussian(13, time), in: 0...120, places: 1)
        return reading.samples
    }
}
