import GantryCore

/// The machining line's rail-guided vehicle shuttling blanks and parts between raw stock, the two CNCs,
/// inspection and finished goods along a 40 m rail; it charges at the rail's start.
public struct RailGuidedVehicleModel: SignalModel {
    public let asset: AssetPath
    private var ticker = ModelTicker()
    private var vehicle: TransportVehicle

    /// The rail runs east along y = 6 m from x = 12 m; stations sit every 10 m.
    static let railStart = (x: 12.0, y: 6.0)
    static let stations = ["raw-stock", "cnc-01", "cnc-02", "inspection", "finished"].enumerated().map {
        TransportVehicle.Station(
            name: $0.element, x: RailGuidedVehicleModel.railStart.x + Double($0.offset) * 10,
            y: RailGuidedVehicleModel.railStart.y)
    }

    public init(asset: AssetPath, seed: UInt64) {
        self.asset = asset
        self.vehicle = TransportVehicle(
            noise: SeededNoise(seed: seed, stream: asset.description), stations: Self.stations,
            charger: Self.stations[0], maximumLoad: 300, drainPerSecond: 0.01)
    }

    public mutating func step(to time: Int64) -> [SimulatedSample] {
        if let ticks = ticker.advance(to: time) {
            for tick in ticks { vehicle.advance(tick, maximumSpeed: 2) }
        }
        var reading = Readings(asset, at: time)
        reading.add("battery_soc", vehicle.batterySOC, in: 0...100, places: 1)
        reading.add("speed", vehicle.speed, in: 0...3)
        reading.add("x", vehicle.x, in: 0...80)
        reading.add("y", vehicle.y, in: 0...30)
        reading.add("load", vehicle.load, in: 0...300, places: 0)
        reading.add("state", .string(vehicle.activity.rawValue))
        reading.add("track_position", vehicle.x - Self.railStart.x, in: 0...40)
        reading.add("task", .string(vehicle.task))
        return reading.samples
    }
}
