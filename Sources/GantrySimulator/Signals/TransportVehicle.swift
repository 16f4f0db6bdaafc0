/// A vehicle working transport orders between stations: drive to the pickup, load, drive to the drop-off,
/// unload, wait; when its battery runs low it drives to the charger and charges to 90 %.
///
/// Shared by the AGVs (free paths across the floor) and the rail-guided vehicle (stations along one rail).
struct TransportVehicle: Sendable, Hashable {
    struct Station: Sendable, Hashable {
        let name: String
        let x: Double
        let y: Double
    }

    enum Activity: String, Sendable, Hashable {
        case idle, moving, charging
    }

    private let noise: SeededNoise
    private let stations: [Station]
    private let charger: Station
    private(set) var x: Double
    private(set) var y: Double
    private(set) var batterySOC: Double
    private(set) var load = 0.0
    private(set) var task = "idle"
    private var leg: Leg?
    private var plan: [Step] = []
    private var waitUntil: Int64?
    private var orders = 0
    private let maximumLoad: Double
    private let drain: Double

    /// A straight drive from one point to another, as distance travelled along it.
    private struct Leg: Sendable, Hashable {
        let fromX, fromY, toX, toY: Double
        var travel: TravelProfile
        var length: Double { ((toX - fromX) * (toX - fromX) + (toY - fromY) * (toY - fromY)).squareRoot() }
    }

    private enum Step: Sendable, Hashable {
        case drive(to: Station)
        case pickUp(kilograms: Double)
        case dropOff
        case charge
        case rest(ticks: Int64)
    }

    init(noise: SeededNoise, stations: [Station], charger: Station, maximumLoad: Double, drainPerSecond: Double) {
        self.noise = noise
        self.stations = stations
        self.charger = charger
        self.maximumLoad = maximumLoad
        self.drain = drainPerSecond
        let start = stations[Int(noise.uniform(0, 0) * Double(stations.count))]
        self.x = start.x
        self.y = start.y
        self.batterySOC = noise.uniform(50...95, 1, 0)
    }

    var speed: Double { leg?.travel.speed ?? 0 }

    var activity: Activity {
        if leg != nil { return .moving }
        if case .charge? = plan.first { return .charging }
        return .idle
    }

    mutating func advance(_ tick: Int64, maximumSpeed: Double) {
        if var current = leg {
            let phase = current.travel.advance(toward: current.length, seconds: tickSeconds)
            let fraction = current.length > 0 ? current.travel.position / current.length : 1
            x = current.fromX + (current.toX - current.fromX) * fraction
            y = current.fromY + (current.toY - current.fromY) * fraction
            batterySOC = max(0, batterySOC - drain * (1 + load / maximumLoad) * tickSeconds)
            leg = phase == .arrived ? nil : current
            if phase == .arrived { plan.removeFirst() }
            return
        }
        batterySOC = max(0, batterySOC - drain / 10 * tickSeconds)
        if let until = waitUntil {
            guard tick >= until else { return }
            waitUntil = nil
            if !plan.isEmpty { plan.removeFirst() }
        }
        guard let step = plan.first else {
            planNext(tick)
            return
        }
        switch step {
        case .drive(let station):
            leg = Leg(
                fromX: x, fromY: y, toX: station.x, toY: station.y,
                travel: TravelProfile(position: 0, maximumSpeed: maximumSpeed, acceleration: 0.5, deceleration: 0.6))
        case .pickUp(let kilograms):
            load = kilograms
            waitUntil = tick + 100
        case .dropOff:
            load = 0
            waitUntil = tick + 100
        case .rest(let ticks):
            waitUntil = tick + ticks
        case .charge:
            batterySOC = min(100, batterySOC + 0.12 * tickSeconds)
            if batterySOC >= 90 {
                plan.removeFirst()
                task = "idle"
            }
        }
    }

    /// Chooses the next job: charging when low, else an order between two stations after a short wait.
    private mutating func planNext(_ tick: Int64) {
        if batterySOC < 30 {
            task = "charging"
            plan = [.drive(to: charger), .charge]
            return
        }
        if task != "idle" {
            task = "idle"
            plan = [.rest(ticks: Int64(noise.uniform(50...300, 2, tick)))]
            return
        }
        let from = stations[Int(noise.uniform(3, tick) * Double(stations.count))]
        var to = stations[Int(noise.uniform(4, tick) * Double(stations.count))]
        if to == from { to = stations[(stations.firstIndex(of: from)! + 1) % stations.count] }
        orders += 1
        task = "order-\(String(orders + 1000)) \(from.name) to \(to.name)"
        let kilograms = noise.uniform(0.2...1, 5, tick) * maximumLoad
        plan = [.drive(to: from), .pickUp(kilograms: kilograms), .drive(to: to), .dropOff]
    }
}
