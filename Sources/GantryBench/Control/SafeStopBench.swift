import GantryControl
import GantryCore
import GantrySimulator

/// How long the simulated locomotive takes, after the operator's last heartbeat, to start braking on its own
/// watchdog and to stand still. It runs the device's own code (`PlantSimulation`'s control path: the gate, the
/// remote locomotive, its watchdog checked every 200 ms model tick) on simulated time, so the figures are the
/// device's design, free of the machine the bench runs on: the trip delay spans interval … interval + one tick
/// depending on where the last beat falls in the tick, and the stop adds the braking from the speed it drove.
public enum SafeStopBench {
    public struct Result: Sendable {
        public var trials: Int
        public var speed: Double
        /// Last heartbeat → the watchdog's safe stop, milliseconds.
        public var tripMinimum: Int64
        public var tripMaximum: Int64
        /// Last heartbeat → speed 0, milliseconds.
        public var standstillMedian: Int64
        public var standstillMaximum: Int64
    }

    static let device = "loco-01-plc"
    static let locomotive = try! AssetPath("qingdao-mine/underground/haulage/loco-01")

    /// `trials` runs, each with its last heartbeat at another millisecond of the 200 ms tick, driving at `speed`.
    public static func run(trials: Int = 200, speed: Double = 3) throws -> Result {
        var trips: [Int64] = []
        var standstills: [Int64] = []
        let start: Int64 = 1_764_900_000_000
        for trial in 0..<trials {
            var plant = PlantSimulation(plant: .standard, seed: 2024)
            var time = start + Int64(trial % 200) + Int64(trial / 200) * 1000
            var sequence: Int64 = 0
            func command(_ name: String, _ args: [String: CommandValue]) -> DeviceCommand {
                sequence += 1
                return DeviceCommand(
                    id: "bench-\(sequence)", equipment: locomotive.description, name: name, args: args,
                    sequence: sequence, expiresAt: time + 5000, sentAt: time)
            }
            func send(_ name: String, _ args: [String: CommandValue]) throws {
                let reports = plant.receive(command(name, args), device: device, at: time)
                guard reports.contains(where: { $0.status == .accepted }) else {
                    throw BenchError("\(name) was refused by the simulated locomotive: \(reports)")
                }
            }
            func speedNow() -> Double {
                for sample in plant.step(asset: locomotive, to: time) where sample.tag.name == "speed" {
                    if case .double(let value) = sample.value { return value }
                }
                return .nan
            }
            // Take it over, bring it to a stand, and drive off at `speed` under heartbeats every 100 ms.
            var beat: Int64 = 0
            func heartbeat() {
                beat += 1
                _ = plant.receive(
                    TeleoperationHeartbeat(
                        session: "bench", equipment: locomotive.description, beat: beat, sentAt: time),
                    device: device, at: time)
            }
            try send("brake", ["applied": .bool(true)])
            while speedNow() > 0 { time += 100 }
            let position = plant.step(asset: locomotive, to: time).first { $0.tag.name == "position" }
            let far: Bool = if case .double(let value)? = position?.value { value > 1000 } else { false }
            try send("set_direction", ["direction": .text(far ? "reverse" : "forward")])
            try send("brake", ["applied": .bool(false)])
            try send("set_speed", ["speed": .number(speed)])
            for _ in 0..<400 where speedNow() < speed - 0.05 {
                heartbeat()
                _ = plant.advanceControl(device: device, to: time)
                time += 100
            }
            heartbeat()
            let lastBeat = time
            var tripped: Int64?
            while tripped == nil, time < lastBeat + 5000 {
                time += 1
                for case .safeStop(_, _, let at) in plant.advanceControl(device: device, to: time) { tripped = at }
            }
            guard let tripped else { throw BenchError("the watchdog did not stop the locomotive") }
            while speedNow() > 0, time < lastBeat + 60_000 { time += 10 }
            trips.append(tripped - lastBeat)
            standstills.append(time - lastBeat)
        }
        standstills.sort()
        return Result(
            trials: trials, speed: speed, tripMinimum: trips.min() ?? 0, tripMaximum: trips.max() ?? 0,
            standstillMedian: standstills[standstills.count / 2], standstillMaximum: standstills.last ?? 0)
    }
}
