import GantryCore
import GantryMQTT
import GantrySparkplug
import Logging
import NIOCore
import Synchronization

/// One simulated device's life on the wire: connect (with its will), publish every interval, notice a lost
/// connection or a link-loss fault, reconnect with back-off, and say goodbye on shutdown. A device with remotely
/// operable equipment also listens on its control topics and runs its control cycle (`DeviceSession+Control`).
struct DeviceSession: Sendable {
    let device: SimulatedDevice
    let simulator: PlantSimulator
    let logger: Logger

    init(device: SimulatedDevice, simulator: PlantSimulator) {
        self.device = device
        self.simulator = simulator
        var logger = simulator.logger
        logger[metadataKey: "simulator.device"] = "\(device.name)"
        self.logger = logger
    }

    var clock: any SimulationClock { simulator.clock }
    private var interval: Int64 { Int64(device.publishInterval / .milliseconds(1)) }

    /// Why a connection's publishing ended.
    private enum Ending {
        case connectionClosed, linkLost, cancelled
    }

    /// What a live connection shares with its message callback and close handler.
    private final class ConnectionFlags: Sendable {
        let closed = Atomic<Bool>(false)
        let rebirthRequested = Atomic<Bool>(false)
        let refusalLogged = Atomic<Bool>(false)
    }

    func run() async {
        guard !simulator.plant.operableEquipment(of: device).isEmpty else { return await runConnections(link: nil) }
        let link = ControlLink()
        await withDiscardingTaskGroup { cycle in
            cycle.addTask { await runControlCycle(link) }
            await runConnections(link: link)
            cycle.cancelAll()
        }
    }

    /// Connects, publishes and reconnects until the task ends.
    private func runConnections(link: ControlLink?) async {
        var failures = 0
        var encoder = device.transport == .sparkplug ? SparkplugNodeEncoder(device: device) : nil
        while !Task.isCancelled {
            if isLinkLost {
                guard (try? await clock.sleep(until: clock.now() + interval)) != nil else { return }
                continue
            }
            let flags = ConnectionFlags()
            let client: MQTTClient
            do {
                client = try await connect(encoder: &encoder, flags: flags, link: link)
                failures = 0
            } catch {
                if Task.isCancelled { return }
                let delay = simulator.reconnect.delay(afterFailures: failures)
                failures += 1
                // One line per outage at info; the attempts after it at debug.
                logger.log(
                    level: failures == 1 ? .info : .debug, "simulated device could not connect; retrying",
                    metadata: ["error": "\(error)", "simulator.retry_ms": "\(delay)"])
                guard (try? await clock.sleep(until: clock.now() + delay)) != nil else { return }
                continue
            }
            logger.info("simulated device connected")
            let ending = await publish(on: client, encoder: &encoder, flags: flags)
            link?.client.withLock { $0 = nil }
            switch ending {
            case .cancelled:
                await sayGoodbye(on: client, encoder: encoder)
                return
            case .linkLost:
                logger.info("simulated link loss: dropping the connection without DISCONNECT")
                await client.close()
            case .connectionClosed:
                logger.info("simulated device lost its connection; reconnecting")
                let delay = simulator.reconnect.delay(afterFailures: 0)
                guard (try? await clock.sleep(until: clock.now() + delay)) != nil else { return }
            }
        }
    }

    private var isLinkLost: Bool {
        simulator.simulation.withLock { $0.isLinkLost(device.name) }
    }

    private func step(to time: Int64) -> [SimulatedSample] {
        let name = device.name
        let samples = simulator.simulation.withLock { (try? $0.step(device: name, to: time)) ?? [] }
        simulator.remember(samples)
        return samples
    }

    /// Connects with the device's will: `online = false` (retained) for JSON, the NDEATH for Sparkplug, which
    /// then subscribes to its NCMD topic and publishes its NBIRTH.
    private func connect(
        encoder: inout SparkplugNodeEncoder?, flags: ConnectionFlags, link: ControlLink?
    ) async throws -> MQTTClient {
        let endpoint = try await simulator.endpoint(device)
        var configuration = endpoint.configuration
        if configuration.clientID.isEmpty { configuration.clientID = device.username }
        configuration.maximumQueued = min(configuration.maximumQueued, 1_000)
        let now = clock.now()
        if var node = encoder {
            let death = node.connecting(at: now)
            encoder = node
            configuration.will = ConnectPacket.Will(
                topic: death.topic, payload: ByteBuffer(bytes: death.payload), qos: .atLeastOnce, retain: false)
        } else if let online = device.onlineTag {
            configuration.will = ConnectPacket.Will(
                topic: online.description, payload: ByteBuffer(string: "false"), qos: .atLeastOnce, retain: true)
        }
        let checker = encoder
        let client = try await MQTTClient.connect(
            host: endpoint.host, port: endpoint.port, configuration: configuration,
            onMessage: { message in
                let payload = Array(message.payload.readableBytesView)
                if let checker, checker.isRebirthCommand(topic: message.topic, payload: payload) {
                    flags.rebirthRequested.store(true, ordering: .relaxed)
                } else if let link {
                    handleControl(topic: message.topic, payload: payload, link: link)
                }
            })
        client.closeFuture.whenComplete { _ in flags.closed.store(true, ordering: .relaxed) }
        simulator.counters.connections.add(1, ordering: .relaxed)
        do {
            if let link {
                link.client.withLock { $0 = client }
                let granted = try await client.subscribe(to: controlFilter, qos: .atLeastOnce)
                if granted.rawValue >= 0x80 {
                    logger.info(
                        "control topics refused: remote commands will not arrive",
                        metadata: ["mqtt.reason_code": "\(granted)", "mqtt.topic_filter": "\(controlFilter)"])
                }
            }
            if var node = encoder {
                _ = try await client.subscribe(to: node.commandTopic, qos: .atMostOnce)
                let birth = node.birth(step(to: now), at: now)
                encoder = node
                try await send(birth, on: client)
            } else if let online = device.onlineTag {
                let payload = UnifiedNamespaceMessage.payload(
                    SimulatedSample(tag: online, time: now, value: .bool(true)))
                try await client.publish(
                    to: online.description, payload: ByteBuffer(string: payload), qos: .atLeastOnce, retain: true)
            }
        } catch {
            link?.client.withLock { $0 = nil }
            await client.close()
            throw error
        }
        return client
    }

    /// Publishes at every multiple of the interval until the connection closes, the link is lost or the task ends.
    private func publish(
        on client: MQTTClient, encoder: inout SparkplugNodeEncoder?, flags: ConnectionFlags
    ) async -> Ending {
        var next = (clock.now().floorDivided(by: interval) + 1) * interval
        while true {
            guard (try? await clock.sleep(until: next)) != nil else { return .cancelled }
            if flags.closed.load(ordering: .relaxed) { return .connectionClosed }
            if isLinkLost { return .linkLost }
            let samples = step(to: next)
            if var node = encoder {
                let message: SparkplugOutgoingMessage
                if flags.rebirthRequested.exchange(false, ordering: .relaxed) {
                    logger.info("sparkplug rebirth requested; sending NBIRTH")
                    message = node.birth(samples, at: next)
                } else if let data = node.data(samples, at: next) {
                    message = data
                } else {
                    message = node.birth(samples, at: next)
                }
                encoder = node
                do {
                    try await send(message, on: client)
                    simulator.counters.published.add(samples.count, ordering: .relaxed)
                } catch {
                    simulator.counters.dropped.add(samples.count, ordering: .relaxed)
                }
            } else {
                publishJSON(samples, on: client, flags: flags)
            }
            let now = clock.now()
            next += interval
            if next <= now { next = (now.floorDivided(by: interval) + 1) * interval }
        }
    }

    /// Hands each sample to the client as a QoS 1 publish; the acknowledgements are counted as they come, so a slow
    /// broker never holds up the cadence, and the client's bounded queue drops what does not fit.
    private func publishJSON(_ samples: [SimulatedSample], on client: MQTTClient, flags: ConnectionFlags) {
        let packets = samples.map {
            PublishPacket(
                topic: $0.tag.description, payload: ByteBuffer(string: UnifiedNamespaceMessage.payload($0)),
                qos: .atLeastOnce)
        }
        let counters = simulator.counters
        let logger = self.logger
        client.publish(packets) { result in
            switch result {
            case .success(let code) where code.rawValue < 0x80:
                counters.published.add(1, ordering: .relaxed)
            case .success(let code):
                counters.refused.add(1, ordering: .relaxed)
                if !flags.refusalLogged.exchange(true, ordering: .relaxed) {
                    logger.info("broker refused a simulated sample", metadata: ["mqtt.reason_code": "\(code)"])
                }
            case .failure:
                counters.dropped.add(1, ordering: .relaxed)
            }
        }
    }

    private func send(_ message: SparkplugOutgoingMessage, on client: MQTTClient) async throws {
        try await client.publish(
            to: message.topic, payload: ByteBuffer(bytes: message.payload),
            qos: message.qos == 0 ? .atMostOnce : .atLeastOnce,
            retain: message.retain)
    }

    /// On shutdown: the offline state a will would have sent, then a clean DISCONNECT.
    private func sayGoodbye(on client: MQTTClient, encoder: SparkplugNodeEncoder?) async {
        if let encoder {
            var death = encoder.death(at: clock.now())
            death.qos = 0
            try? await send(death, on: client)
        } else if let online = device.onlineTag {
            _ = try? await client.publish(to: online.description, payload: ByteBuffer(string: "false"), retain: true)
        }
        await client.disconnect()
    }
}
