import GantryControl
import GantryCore

/// The assembly bay's bridge crane moving switchgear cabinets: travel to the pick point at carrying height,
/// lower, hook on, lift, travel to the drop point, lower, unhook, lift, rest. Indoors, wind is a draught.
/// From its first accepted command on it is in remote mode (``RemoteCrane``) and follows commands only.
public struct OverheadCraneModel: SignalModel {
    public let asset: AssetPath
    private let noise: SeededNoise
    private var ticker = ModelTicker()
    private var bridge = TravelProfile(position: 10, maximumSpeed: 1.2, acceleration: 0.2, deceleration: 0.25)
    private var trolley = TravelProfile(position: 5, maximumSpeed: 0.6, acceleration: 0.2, deceleration: 0.25)
    private var hoist = TravelProfile(position: 8, maximumSpeed: 0.15, acceleration: 0.1, deceleration: 0.1)
    private var plan: [Step] = []
    private var waitUntil: Int64?
    private var load = 0.0
    /// The remote-mode controller; `nil` while the automatic cycle runs.
    var remote: RemoteCrane?
    var teleoperation = Teleoperation()

    static let carryingHeight = 8.0
    static let hookHeight = 1.0

    private enum Step: Sendable, Hashable {
        case travel(bridge: Double, trolley: Double)
        case hoist(to: Double)
        case hook(tonnes: Double)
        case rest(ticks: Int64)
    }

    /// A crane at rest; once in remote mode, `watchdog` stops it when the operator's heartbeats go quiet.
    public init(asset: AssetPath, seed: UInt64, watchdog: HeartbeatWatchdog = HeartbeatWatchdog()) {
        self.asset = asset
        self.noise = SeededNoise(seed: seed, stream: asset.description)
        self.teleoperation.watchdog = watchdog
    }

    public mutating func step(to time: Int64) -> [SimulatedSample] {
        if let ticks = ticker.advance(to: time) {
            for tick in ticks { advance(tick) }
        }
        var reading = Readings(asset, at: time)
        reading.add("hoist_load", load + (load > 0 ? 0.05 * noise.gaussian(10, time) : 0), in: 0...50)
        reading.add("hoist_height", hoist.position, in: 0...30)
        reading.add("trolley_position", trolley.position, in: 0...20)
        reading.add("bridge_position", bridge.position, in: 0...60)
        reading.add("wind_speed", 0.3 + 0.1 * noise.gaussian(11, time), in: 0...40)
        reading.add("overload", .bool(load > 50))
        reading.add("emergency_stop", .bool(remote?.emergencyStop ?? false))
        return reading.samples
    }

    private mutating func advance(_ tick: Int64) {
        let time = tick * tickMilliseconds
        var events: [RemoteEvent] = []
        if teleoperation.requiresSafeStop(at: time) {
            var controller = remote ?? RemoteCrane()
            controller.safeStop(at: time, events: &events)
            remote = controller
        }
        if var controller = remote {
            controller.advance(.x, &bridge, seconds: tickSeconds, at: time, events: &events)
            controller.advance(.y, &trolley, seconds: tickSeconds, at: time, events: &events)
            controller.advance(.z, &hoist, seconds: tickSeconds, at: time, events: &events)
            remote = controller
        } else {
            advanceAutomatically(tick)
        }
        for event in events { teleoperation.record(event) }
    }

    /// Where the bridge (x), the trolley (y) and the hook (z) stand.
    var axisPositions: [RemoteCrane.Axis: Double] {
        [.x: bridge.position, .y: trolley.position, .z: hoist.position]
    }

    /// Whether no axis is moving.
    var isStandingStill: Bool { bridge.speed == 0 && trolley.speed == 0 && hoist.speed == 0 }

    private mutating func advanceAutomatically(_ tick: Int64) {
        if let until = waitUntil {
            guard tick >= until else { return }
            waitUntil = nil
            plan.removeFirst()
        }
        guard let step = plan.first else {
            planLift(tick)
            return
        }
        switch step {
        case .travel(let bridgeTarget, let trolleyTarget):
            let bridgeDone = bridge.advance(toward: bridgeTarget, seconds: tickSeconds) == .arrived
            let trolleyDone = trolley.advance(toward: trolleyTarget, seconds: tickSeconds) == .arrived
            if bridgeDone && trolleyDone { plan.removeFirst() }
        case .hoist(let height):
            if hoist.advance(toward: height, seconds: tickSeconds) == .arrived { plan.removeFirst() }
        case .hook(let tonnes):
            load = tonnes
            waitUntil = tick + 75
        case .rest(let ticks):
            waitUntil = tick + ticks
        }
    }

    /// One lift: a cabinet of 3–35 t from a random point of the bay to another.
    private mutating func planLift(_ tick: Int64) {
        let pick = (noise.uniform(2...58, 1, tick), noise.uniform(1...19, 2, tick))
        let drop = (noise.uniform(2...58, 3, tick), noise.uniform(1...19, 4, tick))
        plan = [
            .travel(bridge: pick.0, trolley: pick.1), .hoist(to: Self.hookHeight),
            .hook(tonnes: noise.uniform(3...35, 5, tick)), .hoist(to: Self.carryingHeight),
            .travel(bridge: drop.0, trolley: drop.1), .hoist(to: Self.hookHeight), .hook(tonnes: 0),
            .hoist(to: Self.carryingHeight), .rest(ticks: Int64(noise.uniform(150...900, 6, tick))),
        ]
    }
}
