import GantryControl
import GantryCore

/// A battery locomotive shuttling ore along a 2 km haulage drift: it loads at the stope end (2000 m), where it
/// also charges, hauls to the ore pass at 0 m, dumps and runs back empty.
///
/// Motor current follows traction force (train mass times acceleration plus rolling resistance), so it rises
/// with load and acceleration; the battery drains with the electrical energy drawn. From its first accepted
/// command on it is in remote mode (``RemoteLocomotive``) and follows commands only.
public struct LocomotiveModel: SignalModel {
    public let asset: AssetPath
    private let noise: SeededNoise
    private var ticker = ModelTicker()
    private var travel: TravelProfile
    private var phase: Phase
    private var lastTravelPhase: TravelProfile.Phase = .arrived
    private(set) var batterySOC: Double
    private(set) var oreLoad: Double = 0
    private var current: Double = 6
    private var cameraOfflineUntil: Int64 = 0
    /// The remote-mode controller; `nil` while the automatic cycle runs.
    var remote: RemoteLocomotive?
    var teleoperation = Teleoperation()

    /// The drift's length and where loading and dumping happen.
    static let loadingEnd = 2000.0
    static let dumpEnd = 0.0
    static let emptyMass = 20.0  // t: locomotive and empty cars
    static let batteryEnergy = 40.0  // kWh: 250 V, 160 Ah
    static let busVoltage = 250.0

    enum Phase: Hashable, Sendable {
        case hauling(to: Double)
        case loading(untilTick: Int64, target: Double)
        case dumping(untilTick: Int64)
    }

    /// A locomotive at the dump end, hauling; once in remote mode, `watchdog` stops it when the operator's
    /// heartbeats go quiet.
    public init(asset: AssetPath, seed: UInt64, watchdog: HeartbeatWatchdog = HeartbeatWatchdog()) {
        self.asset = asset
        self.noise = SeededNoise(seed: seed, stream: asset.description)
        self.teleoperation.watchdog = watchdog
        self.batterySOC = noise.uniform(55...85, 1, 0)
        self.travel = TravelProfile(position: Self.dumpEnd, maximumSpeed: 4.5, acceleration: 0.3, deceleration: 0.4)
        self.phase = .hauling(to: Self.loadingEnd)
    }

    public mutating func step(to time: Int64) -> [SimulatedSample] {
        if let ticks = ticker.advance(to: time) {
            for tick in ticks { advance(tick) }
        }
        return readings(at: time)
    }

    private mutating func advance(_ tick: Int64) {
        let mass = Self.emptyMass + oreLoad
        if teleoperation.requiresSafeStop(at: tick * tickMilliseconds) {
            var controller = takeOver()
            controller.safeStop()
            remote = controller
        }
        if var controller = remote {
            controller.advance(position: &travel.position, seconds: tickSeconds)
            remote = controller
            current = 6 + (controller.traction.map { mass * (max($0, 0) + 0.12) * 1000 / 90 } ?? 0)
        } else {
            advanceAutomatically(tick, mass: mass)
        }
        let kilowatts = Self.busVoltage * current / 1000
        batterySOC = max(0, batterySOC - kilowatts * tickSeconds / 3600 / Self.batteryEnergy * 100)
        if cameraOfflineUntil < tick, noise.chance(0.0002, 2, tick) {
            cameraOfflineUntil = tick + Int64(noise.uniform(50...150, 3, tick))
        }
    }

    /// The remote-mode controller, taking over the automatic cycle where it stands if it is not yet in charge.
    func takeOver() -> RemoteLocomotive {
        if let remote { return remote }
        var heading: Int64 = 0
        if case .hauling(let target) = phase, moving { heading = target > travel.position ? 1 : -1 }
        return RemoteLocomotive(takingOverAt: travel.speed, heading: heading)
    }

    private mutating func advanceAutomatically(_ tick: Int64, mass: Double) {
        switch phase {
        case .hauling(let target):
            let before = travel.speed
            lastTravelPhase = travel.advance(toward: target, seconds: tickSeconds)
            let accelerationNow = (travel.speed - before) / tickSeconds
            // Traction force in kN: mass (t) × (acceleration + rolling and grade resistance).
            let force = lastTravelPhase == .braking ? 0 : mass * (max(accelerationNow, 0) + 0.12)
            current = 6 + force * 1000 / 90
            if lastTravelPhase == .arrived { arrive(at: target, tick: tick) }
        case .loading(let until, let target):
            current = 6
            oreLoad = min(target, oreLoad + target / 240 * tickSeconds)
            batterySOC = min(100, batterySOC + 0.024 * tickSeconds)
            if tick >= until && oreLoad >= target && batterySOC >= 35 {
                travel.maximumSpeed = 3.5
                phase = .hauling(to: Self.dumpEnd)
            }
        case .dumping(let until):
            current = 6
            oreLoad = max(0, oreLoad - 0.25 * tickSeconds)
            if tick >= until {
                oreLoad = 0
                travel.maximumSpeed = 4.5
                phase = .hauling(to: Self.loadingEnd)
            }
        }
    }

    private mutating func arrive(at end: Double, tick: Int64) {
        travel.halt()
        if end == Self.loadingEnd {
            let target = noise.uniform(18...22, 4, tick)
            phase = .loading(untilTick: tick + Int64(noise.uniform(900...1500, 5, tick)), target: target)
        } else {
            phase = .dumping(untilTick: tick + Int64(noise.uniform(400...600, 6, tick)))
        }
    }

    private var moving: Bool {
        if case .hauling = phase { return lastTravelPhase != .arrived }
        return false
    }

    private func readings(at time: Int64) -> [SimulatedSample] {
        var reading = Readings(asset, at: time)
        let jitter = { (channel: UInt64) in noise.gaussian(channel, time) }
        let speed = remote?.speed ?? travel.speed
        let moving = remote.map { !$0.isStandingStill } ?? moving
        reading.add("speed", speed > 0 ? speed + 0.03 * jitter(10) : 0, in: 0...12)
        reading.add("motor_current", current + (moving ? 3 * jitter(11) : 0.3 * jitter(11)), in: 0...600, places: 1)
        reading.add("battery_soc", batterySOC, in: 0...100, places: 1)
        let brake: Double =
            switch (remote?.braking, phase, lastTravelPhase) {
            case (.emergency?, _, _): 8.5 + 0.05 * jitter(12)
            case (.applied?, _, _): 4.5 + 0.05 * jitter(12)
            case (.service?, _, _): 3.5 + 0.1 * jitter(12)
            case (.released?, _, _): 0
            case (nil, .hauling, .braking): 3.5 + 0.1 * jitter(12)
            case (nil, .hauling, .accelerating), (nil, .hauling, .cruising): 0.1
            default: 6 + 0.05 * jitter(12)
            }
        reading.add("brake_pressure", brake, in: 0...10)
        reading.add("position", travel.position, in: Self.dumpEnd...Self.loadingEnd, places: 1)
        var direction: Int64 = 0
        if let remote {
            direction = remote.direction
        } else if case .hauling(let target) = phase, moving {
            direction = target > travel.position ? 1 : -1
        }
        reading.add("direction", .int(direction))
        reading.add("emergency_stop", .bool(remote?.emergencyStop ?? false))
        reading.add("ore_load", oreLoad, in: 0...24)
        reading.add("camera_online", .bool(time.floorDivided(by: tickMilliseconds) > cameraOfflineUntil))
        return reading.samples
    }
}
