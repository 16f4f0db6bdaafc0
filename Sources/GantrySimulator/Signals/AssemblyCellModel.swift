import GantryCore

/// A manual-and-robot assembly cell putting breakers together: its state cycles like a machine's, each
/// finished unit is good or scrap, and the last cycle time is reported as it completes.
public struct AssemblyCellModel: SignalModel {
    public let asset: AssetPath
    private var ticker = ModelTicker()
    private var cycle: ProductionCycle

    public init(asset: AssetPath, seed: UInt64) {
        self.asset = asset
        self.cycle = ProductionCycle(
            noise: SeededNoise(seed: seed, stream: asset.description), cycleSeconds: 38...55, scrapRate: 0.01)
    }

    public mutating func step(to time: Int64) -> [SimulatedSample] {
        if let ticks = ticker.advance(to: time) {
            for tick in ticks { cycle.advance(tick) }
        }
        var reading = Readings(asset, at: time)
        reading.add("state", .string(cycle.state.rawValue))
        reading.add("cycle_time", cycle.lastCycleSeconds, in: 0...600, places: 1)
        reading.add("good_count", .int(cycle.goodCount))
        reading.add("scrap_count", .int(cycle.scrapCount))
        return reading.samples
    }
}
