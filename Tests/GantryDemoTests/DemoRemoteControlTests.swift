import GantryControl
import GantryCore
import GantryDemo
import GantryServer
import GantrySimulator
import GantryTesting
import Logging
import Testing

/// Remote control end to end: the platform's control service, its broker with the devices' own logins, and the
/// simulator's locomotive keeping its own gate and watchdog. A command requested on the platform runs on the
/// machine and comes back completed; when the operator's heartbeats stop, the machine stops by itself and the
/// platform raises the lost session.
@Suite(.timeLimit(.minutes(3))) struct DemoRemoteControlTests {
    static let locomotive = try! AssetPath("qingdao-mine/underground/haulage/loco-01")

    @Test func theSimulatedLocomotiveTakesCommandsAndStopsByItselfWhenTheOperatorGoesQuiet() async throws {
        try await TestPlatform.withPlatform { platform in
            let credentials = try await DemoProvisioning(platform: platform).run()
            let brokerPort = ListenerPort()
            // The locomotive's own watchdog waits 3 s, not 500 ms: on a loaded test machine a heartbeat can be
            // late by more than half a second, and the machine would then rightly stop in the middle of the test.
            var plant = SimulatedPlant.standard
            plant.heartbeatWatchdog = HeartbeatWatchdog(intervalMilliseconds: 3000)
            let simulator = DemoSimulator.make(
                plant: plant, credentials: credentials, host: "127.0.0.1", broker: brokerPort,
                logger: Logger(label: "simulator", factory: { _ in SwiftLogNoOpLogHandler() }))
            let control = platform.control
            let path = Self.locomotive.description
            let speed = try TagPath(asset: Self.locomotive, name: "speed")
            let brake = try TagPath(asset: Self.locomotive, name: "brake_pressure")
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await simulator.run() }
                tasks.addTask { try await control.run() }
                tasks.addTask { try await platform.alarms.run() }
                defer { tasks.cancelAll() }
                try await TestPlatform.withMQTT(platform) { port in
                    brokerPort.bound(port)
                    // The interlocks need current values of the locomotive's tags.
                    try await withDeadline("the locomotive's interlock tags reported") {
                        while try await control.interlocks(equipment: path, by: .platform)
                            .contains(where: { $0.status == .unknown })
                        {
                            try await Task.sleep(for: .milliseconds(100))
                        }
                    }
                    _ = try await control.requestLease(equipment: path, takeOver: false, by: .platform)
                    // The operator drives: heartbeats every 100 ms while the command runs.
                    let beating = Task {
                        var beat: Int64 = 0
                        while !Task.isCancelled {
                            beat += 1
                            _ = try? await control.heartbeat(
                                equipment: path, beat: beat, consoleRoundTrip: nil, by: .platform)
                            try? await Task.sleep(for: .milliseconds(100))
                        }
                    }
                    // Whatever the automatic cycle left it doing: brake to a stand, pick the direction with track
                    // ahead, release the brake (both hazardous: confirmed), then drive.
                    try await Self.run("brake", ["applied": .bool(true)], on: control)
                    let braked = Timestamp.now.millisecondsSinceEpoch
                    try await withDeadline("the locomotive braked to a stand") {
                        while try await Self.value(of: speed, in: platform, after: braked) != 0 {
                            try await Task.sleep(for: .milliseconds(100))
                        }
                    }
                    // The command gate reads the control service's own view of the tags, which the live events
                    // reach a moment after the store: wait until it, too, sees the standstill.
                    try await withDeadline("the standstill, as the interlock reads it") {
                        while try await control.interlocks(equipment: path, by: .platform)
                            .contains(where: { $0.interlock.name == "moving" && $0.status != .clear })
                        {
                            try await Task.sleep(for: .milliseconds(100))
                        }
                    }
                    let position = try await Self.value(
                        of: TagPath(asset: Self.locomotive, name: "position"), in: platform)
                    try await Self.run(
                        "set_direction", ["direction": .text(position > 1000 ? "reverse" : "forward")], on: control)
                    try await Self.run("brake", ["applied": .bool(false)], on: control)
                    try await withDeadline("the brake released, as the interlock reads it") {
                        while try await control.interlocks(equipment: path, by: .platform)
                            .contains(where: { $0.interlock.name == "brake-applied" && $0.status != .clear })
                        {
                            try await Task.sleep(for: .milliseconds(100))
                        }
                    }
                    try await Self.run("set_speed", ["speed": .number(3)], on: control)
                    try await withDeadline("the locomotive moving under remote control") {
                        while try await Self.value(of: speed, in: platform) < 0.5 {
                            try await Task.sleep(for: .milliseconds(100))
                        }
                    }
                    // The console goes away: no more heartbeats. Nobody sends a stop.
                    beating.cancel()
                    _ = await beating.value
                    try await withDeadline("the locomotive stopped by its own watchdog") {
                        while try await Self.value(of: speed, in: platform) > 0 {
                            try await Task.sleep(for: .milliseconds(100))
                        }
                    }
                    #expect(try await Self.value(of: brake, in: platform) > 0.5, "it holds with the brake applied")
                    let lines = try await control.audit(limit: 20, before: nil, by: .platform)
                    #expect(lines.contains { $0.action == "session.lost" })
                }
            }
        }
    }

    /// Requests a command on the locomotive (confirming it when hazardous) and waits until the machine reports
    /// it completed.
    static func run(_ name: String, _ args: [String: CommandValue], on control: ControlService) async throws {
        var command = try await control.request(
            CommandRequest(equipment: locomotive.description, name: name, args: args, ttlMs: 5000), by: .platform)
        if command.awaitingConfirmation { command = try await control.confirm(commandID: command.id, by: .platform) }
        let id = command.id
        try await withDeadline("\(name) completed by the locomotive") {
            while true {
                let state = try await control.command(id: id, by: .platform)
                if state.state == .completed { return }
                if state.state.isFinal { throw TestSetupError("\(name) ended \(state.state): \(state.reason ?? "")") }
                try await Task.sleep(for: .milliseconds(20))
            }
        }
    }

    /// The latest stored value of a numeric tag.
    static func value(of tag: TagPath, in platform: Platform, after time: Int64 = 0) async throws -> Double {
        guard let point = try await platform.telemetry.store.latest([tag]).first?.points.last, point.timestamp > time
        else { return -1 }
        switch point.value {
        case .double(let number): return number
        case .int(let number): return Double(number)
        default: return -1
        }
    }
}
