import GantryCore

/// An automated guided vehicle carrying coils and housings between the workshop's stations, reporting its
/// floor position, battery, load, state (idle, moving, charging) and current transport order.
public struct AGVModel: SignalModel {
    public let asset: AssetPath
    private let noise: SeededNoise
    private var ticker = ModelTicker()
    private var vehicle: TransportVehicle

    /// The workshop floor's stations, in metres east and north of the south-west corner.
    static let stations = [
        TransportVehicle.Station(name: "warehouse", x: 5, y: 5),
        TransportVehicle.Station(name: "machining", x: 32, y: 22),
        TransportVehicle.Station(name: "assembly", x: 64, y: 24),
        TransportVehicle.Station(name: "test-bay", x: 78, y: 10),
        TransportVehicle.Station(name: "shipping", x: 62, y: 4),
    ]
    static let charger = TransportVehicle.Station(name: "charger", x: 2, y: 16)

    public init(asset: AssetPath, seed: UInt64) {
        self.asset = asset
        self.noise = SeededNoise(seed: seed, stream: asset.description)
        self.vehicle = TransportVehicle(
            noise: noise, stations: Self.stations, charger: Self.charger, maximumLoad: 800, drainPerSecond: 0.015)
    }

    public mutating func step(to time: Int64) -> [SimulatedSample] {
        if let ticks = ticker.advance(to: time) {
            for tick in ticks { vehicle.advance(tick, maximumSpeed: 1.5) }
        }
        var reading = Readings(asset, at: time)
        reading.add("battery_soc", vehicle.batterySOC, in: 0...100, places: 1)
        reading.add("speed", vehicle.speed, in: 0...3)
        reading.add("x", vehicle.x + 0.01 * noise.gaussian(10, time), in: 0...80)
        reading.add("y", vehicle.y + 0.01 * noise.gaussian(11, time), in: 0...30)
        reading.add("load", vehicle.load, in: 0...800, places: 0)
        reading.add("state", .string(vehicle.activity.rawValue))
        reading.add("task", .string(vehicle.task))
        return reading.samples
    }
}
