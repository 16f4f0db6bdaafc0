import Foundation
import GantryCore

/// A CNC machine making switchgear parts: while running, spindle load and vibration rise and fall with each
/// part's cut; otherwise the spindle stands. Part, good and scrap counts only ever increase.
public struct CNCMachineModel: SignalModel {
    public let asset: AssetPath
    private let noise: SeededNoise
    private var ticker = ModelTicker()
    private var cycle: ProductionCycle
    private let programs: [Program]

    struct Program: Hashable, Sendable {
        let name: String
        let spindleSpeed: Double
        let feedRate: Double
        let load: Double
    }

    public init(asset: AssetPath, seed: UInt64) {
        self.asset = asset
        self.noise = SeededNoise(seed: seed, stream: asset.description)
        self.cycle = ProductionCycle(noise: noise, cycleSeconds: 70...110, scrapRate: 0.03)
        self.programs = [
            Program(name: "O1021-busbar-clamp", spindleSpeed: 9_000, feedRate: 1_800, load: 45),
            Program(name: "O1107-breaker-housing", spindleSpeed: 6_500, feedRate: 1_200, load: 62),
            Program(name: "O1240-terminal-block", spindleSpeed: 12_000, feedRate: 2_400, load: 38),
        ]
    }

    public mutating func step(to time: Int64) -> [SimulatedSample] {
        if let ticks = ticker.advance(to: time) {
            for tick in ticks { cycle.advance(tick) }
        }
        let program = programs[cycle.setups % programs.count]
        let running = cycle.state == .running
        // The cut takes the middle 80 % of each cycle; loading and unloading take the rest.
        let cutting = running && cycle.partFraction > 0.1 && cycle.partFraction < 0.9
        var reading = Readings(asset, at: time)
        let spindle = cutting ? program.spindleSpeed * (1 + 0.002 * noise.gaussian(10, time)) : 0
        let load = cutting ? program.load * (1 + 0.25 * sin(cycle.partFraction * 12)) + 2 * noise.gaussian(11, time) : 0
        reading.add("spindle_speed", spindle, in: 0...24_000, places: 0)
        reading.add("spindle_load", load, in: 0...150, places: 1)
        reading.add("feed_rate", cutting ? program.feedRate : 0, in: 0...20_000, places: 0)
        let vibration = cutting ? 1.2 + load / 40 : 0.15
        reading.add("vibration", vibration + 0.1 * abs(noise.gaussian(12, time)), in: 0...50)
        reading.add("part_count", .int(cycle.goodCount + cycle.scrapCount))
        reading.add("program", .string(program.name))
        reading.add("state", .string(cycle.state.rawValue))
        reading.add("good_count", .int(cycle.goodCount))
        reading.add("scrap_count", .int(cycle.scrapCount))
        return reading.samples
    }
}
