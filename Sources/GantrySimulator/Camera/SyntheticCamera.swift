import GantryMQTT
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A camera on a simulated device: renders a ``TunnelView`` whose sleepers pass at the speed `speed` reports,
/// encodes it with the ``JPEGEncoder`` and publishes it QoS 0 to `gantry/camera/ENTERPRISE/DEVICE/CAMERA` at a
/// fixed rate, over its own MQTT connection (client id `<device login>-camera`) with the device's credentials.
///
/// Each frame carries its capture time as the MQTT 5 user property `capture-time` (epoch ms). Frames due while
/// disconnected or while the previous one was still being made are skipped, not queued: a camera shows now.
public final class SyntheticCamera: Service, Sendable {
    public let device: SimulatedDevice
    /// The camera's name on the device's equipment.
    public let camera: String
    public let framesPerSecond: Int
    let clock: any SimulationClock
    let reconnect: SimulatedReconnectPolicy
    let speed: @Sendable (Int64) -> Double
    let endpoint: @Sendable (SimulatedDevice) async throws -> SimulatedDeviceEndpoint
    let logger: Logger
    let view: TunnelView
    let encoder: JPEGEncoder
    private let published = Atomic<Int>(0)
    private let connections = Atomic<Int>(0)

    /// - Parameters:
    ///   - speed: the vehicle's speed in m/s at a time (epoch ms); the picture moves with it.
    ///   - endpoint: the broker and the device's credentials, asked before every connection (as the plant
    ///     simulator's devices do); the client id is replaced by `<device login>-camera`.
    public init(
        device: SimulatedDevice, camera: String = "cab", framesPerSecond: Int = 10, width: Int = 320,
        height: Int = 240, quality: Int = 75, clock: any SimulationClock = WallSimulationClock(),
        reconnect: SimulatedReconnectPolicy = SimulatedReconnectPolicy(), logger: Logger,
        speed: @escaping @Sendable (Int64) -> Double,
        endpoint: @escaping @Sendable (SimulatedDevice) async throws -> SimulatedDeviceEndpoint
    ) {
        self.device = device
        self.camera = camera
        self.framesPerSecond = min(max(framesPerSecond, 1), 60)
        self.clock = clock
        self.reconnect = reconnect
        self.speed = speed
        self.endpoint = endpoint
        self.logger = logger
        self.view = TunnelView(width: width, height: height)
        self.encoder = JPEGEncoder(quality: quality)
    }

    /// Where the frames go.
    public var topic: String { "gantry/camera/\(device.enterprise)/\(device.name)/\(camera)" }

    /// Frames handed to the connection so far.
    public var publishedFrames: Int { published.load(ordering: .relaxed) }
    /// Successful MQTT connections, reconnections included.
    public var connectionCount: Int { connections.load(ordering: .relaxed) }

    /// The JPEG of frame `number` at `time`, `distance` metres along, moving at `speed` m/s.
    public func frame(number: UInt64, time: Int64, distance: Double, speed: Double) -> [UInt8] {
        encoder.encode(
            grayscale: view.render(distance: distance, frame: number, time: time, speed: speed), width: view.width,
            height: view.height)
    }

    /// Publishes until the task is cancelled or a graceful shutdown begins, then disconnects cleanly.
    public func run() async throws {
        await cancelWhenGracefulShutdown { await self.publishWhileRunning() }
    }

    private func publishWhileRunning() async {
        var failures = 0
        var motion = Motion(lastTime: clock.now())
        while !Task.isCancelled {
            let client: MQTTClient
            do {
                client = try await connect()
                failures = 0
            } catch {
                logger.info(
                    "camera connection failed",
                    metadata: ["simulator.device": "\(device.name)", "error": "\(error)"])
                let delay = reconnect.delay(afterFailures: failures)
                failures += 1
                guard (try? await clock.sleep(until: clock.now() + delay)) != nil else { return }
                continue
            }
            let cancelled = await publish(on: client, motion: &motion)
            if cancelled {
                await client.disconnect()
                return
            }
            await client.close()
        }
    }

    /// How far the vehicle has come, integrated from its speed frame by frame.
    struct Motion {
        var lastTime: Int64
        var distance = 0.0
        var frame: UInt64 = 0
    }

    /// Publishes frames until the connection fails (returns false) or the task ends (returns true).
    private func publish(on client: MQTTClient, motion: inout Motion) async -> Bool {
        let interval = Int64(1000 / framesPerSecond)
        var next = (clock.now() / interval + 1) * interval
        while true {
            guard (try? await clock.sleep(until: next)) != nil else { return true }
            let now = clock.now()
            let metresPerSecond = max(0, speed(now))
            motion.distance += metresPerSecond * Double(max(0, now - motion.lastTime)) / 1000
            motion.lastTime = now
            motion.frame += 1
            let jpeg = frame(number: motion.frame, time: now, distance: motion.distance, speed: metresPerSecond)
            var properties = Properties()
            properties.userProperties = [UserProperty("capture-time", "\(now)")]
            do {
                _ = try await client.publish(
                    to: topic, payload: ByteBuffer(bytes: jpeg), qos: .atMostOnce, properties: properties)
                published.add(1, ordering: .relaxed)
            } catch {
                logger.info(
                    "camera connection lost", metadata: ["simulator.device": "\(device.name)", "error": "\(error)"])
                return false
            }
            next += interval
            if next <= clock.now() { next = (clock.now() / interval + 1) * interval }
        }
    }

    private func connect() async throws -> MQTTClient {
        let target = try await endpoint(device)
        var configuration = target.configuration
        configuration.clientID = "\(device.username)-camera"
        configuration.will = nil
        let client = try await MQTTClient.connect(host: target.host, port: target.port, configuration: configuration)
        connections.add(1, ordering: .relaxed)
        return client
    }
}
