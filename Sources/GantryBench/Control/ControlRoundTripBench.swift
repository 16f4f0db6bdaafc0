import Foundation
import GantryMQTT
import Histogram
import HummingbirdWSClient
import Logging
import NIOCore
import Synchronization

/// `gantry bench control`: how long a command takes from the operator's request until Gantry has recorded
/// the device's acknowledgement, through `gantry serve` and its built-in broker, beside the bare MQTT loop
/// the same device answers on Mosquitto. The difference is what the platform adds: access and lease checks,
/// argument and interlock checks, the durable write before sending, the report's write, the live update.
///
/// Commands go one at a time (a driver does not stack commands), each a `horn` to a locomotive whose device
/// is an MQTT client in this process that acknowledges on receipt. The request's clock starts before the
/// HTTP request is sent and stops when the `/api/v1/live` stream shows the command `acknowledged`.
public enum ControlRoundTripBench {
    public struct Options: Sendable {
        public var gantry: String
        public var mosquitto: String
        public var commands: Int
        public var directory: String

        public init(gantry: String, mosquitto: String, commands: Int, directory: String) {
            self.gantry = gantry
            self.mosquitto = mosquitto
            self.commands = commands
            self.directory = directory
        }
    }

    /// Microsecond percentiles of one measured road.
    public struct Percentiles: Sendable {
        public var p50: UInt64
        public var p99: UInt64
        public var max: UInt64

        init(_ histogram: Histogram<UInt64>) {
            p50 = histogram.valueAtPercentile(50)
            p99 = histogram.valueAtPercentile(99)
            max = histogram.max
        }
    }

    public struct Result: Sendable {
        public var commands: Int
        /// Request sent → Gantry recorded the device's acknowledgement (seen on the live stream).
        public var gantryRoundTrip: Percentiles
        /// Request sent → the device received the command.
        public var gantryToDevice: Percentiles
        /// The HTTP answer (the command stored as sent, and published).
        public var gantryResponse: Percentiles
        /// The same command and report as bare MQTT through Mosquitto: publish → device → report back.
        public var mosquittoLoop: Percentiles
    }

    static let locomotive = "acme/mine/haulage/loco-1"

    public static func run(_ options: Options, print: @escaping @Sendable (String) -> Void) async throws -> Result {
        let httpPort = try await freeLoopbackPort()
        let mqttPort = try await freeLoopbackPort()
        let mosquittoPort = try await freeLoopbackPort()
        let password = "bench-admin-\(UInt32.random(in: 0...UInt32.max))"
        let dataDirectory = options.directory + "/control-data"
        try? FileManager.default.removeItem(atPath: dataDirectory)
        let config = options.directory + "/mosquitto-control.conf"
        try "listener \(mosquittoPort) 127.0.0.1\nallow_anonymous true\npersistence false\nset_tcp_nodelay true\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        let server = try await BrokerProcess(
            name: "gantry serve", executable: options.gantry,
            arguments: [
                "serve", "--data-dir", dataDirectory, "--http-port", "\(httpPort)", "--mqtt-port", "\(mqttPort)",
                "--mqtt-ws-port", "0", "--log-level", "warning",
            ],
            port: httpPort, environment: ["GANTRY_ADMIN_PASSWORD": password], log: options.directory + "/control.log")
        let mosquitto: BrokerProcess
        do {
            mosquitto = try await BrokerProcess(
                name: "mosquitto", executable: options.mosquitto, arguments: ["-c", config], port: mosquittoPort,
                log: options.directory + "/mosquitto-control.log")
        } catch {
            await server.stop()
            throw error
        }
        do {
            print("control: \(options.commands) commands through gantry serve, then the bare loop on Mosquitto")
            let gantry = try await measureGantry(
                options, httpPort: httpPort, mqttPort: mqttPort, password: password, print: print)
            let loop = try await measureMosquitto(options, port: mosquittoPort)
            await server.stop()
            await mosquitto.stop()
            return Result(
                commands: options.commands, gantryRoundTrip: gantry.roundTrip, gantryToDevice: gantry.toDevice,
                gantryResponse: gantry.response, mosquittoLoop: loop)
        } catch {
            await server.stop()
            await mosquitto.stop()
            throw error
        }
    }

    private static func measureGantry(
        _ options: Options, httpPort: Int, mqttPort: Int, password: String, print: @escaping @Sendable (String) -> Void
    ) async throws -> (roundTrip: Percentiles, toDevice: Percentiles, response: Percentiles) {
        let http = HTTP(base: "http://127.0.0.1:\(httpPort)")
        let login = try await http.send("POST", "/api/v1/auth/login", ["username": "admin", "password": password])
        guard let token = login["token"] as? String else { throw BenchError("login answered no token: \(login)") }
        http.token = token
        for asset in ["acme", "acme/mine", "acme/mine/haulage"] {
            _ = try await http.send("POST", "/api/v1/assets", ["path": asset, "name": asset])
        }
        _ = try await http.send(
            "POST", "/api/v1/assets", ["path": locomotive, "name": "Loco 1", "type": "electric-locomotive"])
        let device = try await http.send("POST", "/api/v1/devices", ["name": "loco-1-plc", "assetPath": locomotive])
        guard let secret = device["password"] as? String else { throw BenchError("no device password: \(device)") }
        _ = try await http.send(
            "POST", "/api/v1/equipment/\(locomotive.replacingOccurrences(of: "/", with: "%2F"))/lease", nil)

        let arrivals = ArrivalBoard()
        let deviceClient = try await MQTTClient.connect(
            port: mqttPort,
            configuration: MQTTClientConfiguration(
                clientID: "loco-1-plc", username: "acme.loco-1-plc", password: Array(secret.utf8))
        ) { packet in
            arrivals.deviceReceived(packet)
        }
        arrivals.device.withLock { $0 = deviceClient }
        _ = try await deviceClient.subscribe(to: "gantry/control/acme/loco-1-plc/command", qos: .atLeastOnce)

        var roundTrip = histogram()
        var toDevice = histogram()
        var response = histogram()
        var wsConfiguration = WebSocketClientConfiguration()
        wsConfiguration.additionalHeaders = [.authorization: "Bearer \(token)"]
        var wsLogger = Logger(label: "bench-control")
        wsLogger.logLevel = .warning
        let configuration = wsConfiguration
        let logger = wsLogger
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                _ = try await WebSocketClient.connect(
                    url: "ws://127.0.0.1:\(httpPort)/api/v1/live", configuration: configuration, logger: logger
                ) { inbound, outbound, _ in
                    try await outbound.write(.text(#"{"subscribe":{"control":true}}"#))
                    for try await message in inbound.messages(maxSize: 1 << 20) {
                        guard case .text(let text) = message else { continue }
                        if text.contains(#""type":"subscribed""#) {
                            arrivals.subscribed.store(true, ordering: .relaxed)
                        }
                        arrivals.liveUpdate(text)
                    }
                }
            }
            for _ in 0..<500 where !arrivals.subscribed.load(ordering: .relaxed) {
                try await Task.sleep(for: .milliseconds(10))
            }
            // Stamp the interlock tags so a locomotive at standstill is what the checks see.
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            try await http.sendJSON(
                "POST", "/api/v1/telemetry",
                #"[{"tag":"\#(locomotive)/speed","ts":\#(now),"value":0},{"tag":"\#(locomotive)/brake_pressure","ts":\#(now),"value":0},{"tag":"\#(locomotive)/emergency_stop","ts":\#(now),"value":false}]"#
            )
            let warmUp = min(50, options.commands / 10)
            for index in 0..<(options.commands + warmUp) {
                let started = NIODeadline.now().uptimeNanoseconds / 1000
                let body = try await http.sendJSON(
                    "POST", "/api/v1/commands",
                    #"{"equipment":"\#(locomotive)","name":"horn","args":{"seconds":1},"ttlMs":5000}"#)
                let answered = NIODeadline.now().uptimeNanoseconds / 1000
                guard let id = body["id"] as? String else { throw BenchError("no command id: \(body)") }
                let (received, acknowledged) = try await arrivals.wait(for: id)
                guard index >= warmUp else { continue }
                roundTrip.record(acknowledged - min(acknowledged, started))
                toDevice.record(received - min(received, started))
                response.record(answered - started)
                if (index - warmUp + 1) % max(1, options.commands / 4) == 0 {
                    print("  \(index - warmUp + 1) commands")
                }
            }
            tasks.cancelAll()
        }
        await deviceClient.disconnect()
        return (Percentiles(roundTrip), Percentiles(toDevice), Percentiles(response))
    }

    /// The device loop alone: a "platform" client publishes the command (QoS 1), the device publishes its
    /// report (QoS 1) as it arrives, and the platform client's receipt ends the round trip.
    private static func measureMosquitto(_ options: Options, port: Int) async throws -> Percentiles {
        let reports = AsyncStream.makeStream(of: UInt64.self)
        let platform = try await MQTTClient.connect(
            port: port, configuration: MQTTClientConfiguration(clientID: "bench-platform")
        ) { _ in
            reports.continuation.yield(NIODeadline.now().uptimeNanoseconds / 1000)
        }
        _ = try await platform.subscribe(to: "gantry/control/acme/loco-1-plc/report", qos: .atLeastOnce)
        let device = DeviceSlot()
        let deviceClient = try await MQTTClient.connect(
            port: port, configuration: MQTTClientConfiguration(clientID: "bench-device")
        ) { packet in
            device.client.withLock { client in
                _ = client?.publish(
                    PublishPacket(
                        topic: "gantry/control/acme/loco-1-plc/report",
                        payload: ByteBuffer(string: ArrivalBoard.report(for: packet)),
                        qos: .atLeastOnce))
            }
        }
        device.client.withLock { $0 = deviceClient }
        _ = try await deviceClient.subscribe(to: "gantry/control/acme/loco-1-plc/command", qos: .atLeastOnce)
        var loop = histogram()
        var iterator = reports.stream.makeAsyncIterator()
        let warmUp = min(50, options.commands / 10)
        for index in 0..<(options.commands + warmUp) {
            let started = NIODeadline.now().uptimeNanoseconds / 1000
            let command =
                #"{"args":{"seconds":1},"equipment":"\#(locomotive)","expiresAt":0,"id":"c\#(index)","name":"horn","sentAt":0,"sequence":\#(index + 1)}"#
            _ = platform.publish(
                PublishPacket(
                    topic: "gantry/control/acme/loco-1-plc/command", payload: ByteBuffer(string: command),
                    qos: .atLeastOnce))
            guard let arrived = await iterator.next() else { throw BenchError("the Mosquitto loop stopped") }
            if index >= warmUp { loop.record(arrived - min(arrived, started)) }
        }
        await deviceClient.disconnect()
        await platform.disconnect()
        return Percentiles(loop)
    }

    static func histogram() -> Histogram<UInt64> {
        Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
    }
}

/// Where the device's client lives, for the message callback that answers on it.
final class DeviceSlot: Sendable {
    let client = Mutex<MQTTClient?>(nil)
}

/// When each command reached the device and when the live stream showed it acknowledged.
final class ArrivalBoard: Sendable {
    let subscribed = Atomic<Bool>(false)
    let device = Mutex<MQTTClient?>(nil)
    private let times = Mutex<[String: (received: UInt64?, acknowledged: UInt64?)]>([:])

    /// The device: note the arrival and acknowledge at once.
    func deviceReceived(_ packet: PublishPacket) {
        let now = NIODeadline.now().uptimeNanoseconds / 1000
        let text = String(buffer: packet.payload)
        guard let id = Self.field("id", in: text) else { return }
        times.withLock { $0[id, default: (nil, nil)].received = now }
        device.withLock { client in
            _ = client?.publish(
                PublishPacket(
                    topic: "gantry/control/acme/loco-1-plc/report",
                    payload: ByteBuffer(string: Self.report(for: packet)),
                    qos: .atLeastOnce))
        }
    }

    /// A live frame: note commands shown acknowledged.
    func liveUpdate(_ text: String) {
        guard text.contains(#""state":"acknowledged""#) else { return }
        let now = NIODeadline.now().uptimeNanoseconds / 1000
        var rest = Substring(text)
        while let range = rest.range(of: #""kind":"command""#) {
            rest = rest[range.upperBound...]
            guard let id = Self.field("id", in: String(rest.prefix(2000))) else { continue }
            if rest.prefix(2000).contains(#""state":"acknowledged""#) {
                times.withLock { $0[id, default: (nil, nil)].acknowledged = now }
            }
        }
    }

    /// Waits (bounded) until both times of `id` are known.
    func wait(for id: String) async throws -> (UInt64, UInt64) {
        for _ in 0..<100_000 {
            if let both = times.withLock({ entry -> (UInt64, UInt64)? in
                guard let times = entry[id], let received = times.received, let acknowledged = times.acknowledged
                else { return nil }
                entry[id] = nil
                return (received, acknowledged)
            }) {
                return both
            }
            try await Task.sleep(for: .microseconds(50))
        }
        throw BenchError("command \(id) was not acknowledged within the bound")
    }

    /// The report a device sends on receipt: `accepted`, with the command's id and sequence.
    static func report(for packet: PublishPacket) -> String {
        let text = String(buffer: packet.payload)
        let id = field("id", in: text) ?? ""
        let sequence = number("sequence", in: text) ?? 0
        return #"{"at":0,"id":"\#(id)","sequence":\#(sequence),"status":"accepted"}"#
    }

    static func field(_ name: String, in text: String) -> String? {
        guard let range = text.range(of: #""\#(name)":""#) else { return nil }
        let rest = text[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    static func number(_ name: String, in text: String) -> Int64? {
        guard let range = text.range(of: #""\#(name)":"#) else { return nil }
        return Int64(text[range.upperBound...].prefix { $0.isNumber })
    }
}
