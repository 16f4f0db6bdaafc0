import Foundation
import GantryMQTT
import GantrySparkplug
import NIOCore
import NIOPosix

/// One connection's life: CONNECT with the host's will, SUBSCRIBE, online STATE; offline STATE and DISCONNECT.
extension ExternalBrokerBridge {
    /// Connects and subscribes; as the Sparkplug host, publishes the online STATE after subscribing.
    ///
    /// - Throws: the connection's error, or `MQTTClientError` when the broker refuses a subscription
    ///   (its ACL must let this node read `$share/GROUP/#` and, as host, `spBv1.0/#`).
    func connect() async throws -> MQTTClient {
        let birth = Int64(Date().timeIntervalSince1970 * 1000)
        var configuration = MQTTClientConfiguration(
            version: .v5, clientID: clientID, cleanStart: false, keepAlive: 30, username: address.username,
            password: address.password.map { Array($0.utf8) }, sessionExpiry: Self.sessionExpiry,
            receiveMaximum: Self.receiveMaximum, tls: tls)
        if hostsSparkplug {
            let will = sparkplug.will(at: birth)
            configuration.will = ConnectPacket.Will(
                topic: will.topic, payload: ByteBuffer(bytes: will.payload), qos: .atLeastOnce, retain: will.retain)
        }
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let sequencer = SparkplugSequencer(eventLoop: loop)
        let client = try await MQTTClient.connect(
            host: address.host, port: address.port, configuration: configuration, group: loop
        ) { [self] message in
            handle(message, sequencer: sequencer, on: loop)
        }
        do {
            try await subscribe(client)
            connection.withLock { $0 = client }
            if hostsSparkplug { sparkplug.attach(to: self, at: birth) }
            ready.store(true, ordering: .releasing)
            return client
        } catch {
            connection.withLock { $0 = nil }
            await client.close()
            throw error
        }
    }

    private func subscribe(_ client: MQTTClient) async throws {
        let shared = try await client.subscribe(
            [SubscribePacket.Request(filter: "$share/\(group)/#", options: SubscriptionOptions(qos: .atLeastOnce))],
            identifier: Self.sharedSubscription)
        try check(shared, "$share/\(group)/#")
        let filters = sparkplug.subscriptions
        if hostsSparkplug {
            let codes = try await client.subscribe(
                filters.map { SubscribePacket.Request(filter: $0, options: SubscriptionOptions(qos: .atLeastOnce)) },
                identifier: Self.sparkplugSubscription)
            try check(codes, "spBv1.0/…")
        } else if client.connack.sessionPresent {
            // A session from when this node was the host still carries the Sparkplug subscriptions.
            _ = try await client.unsubscribe(filters)
        }
    }

    private func check(_ codes: [ReasonCode], _ filter: String) throws {
        guard let refused = codes.first(where: \.isFailure) else { return }
        throw MQTTClientError(
            .connectionRefused, "the broker refused the subscription \(filter): let this node read it",
            reasonCode: refused)
    }

    /// Announces the host offline (as Sparkplug 3.0 asks, before a clean disconnect) and disconnects,
    /// keeping the session so the broker queues what arrives until the node is back.
    func goOffline(_ client: MQTTClient) async {
        if hostsSparkplug { sparkplug.detach() }
        await client.disconnect()
        logger.info("disconnected from the external MQTT broker; the session stays for the next start")
    }
}

extension ExternalBrokerBridge: SparkplugOutlet {
    /// Publishes the host's STATE or NCMD on the open connection; dropped (and logged) between connections.
    func publish(_ message: SparkplugOutgoingMessage) {
        guard let client = connection.withLock({ $0 }) else {
            logger.debug("no connection for a Sparkplug host message", metadata: ["mqtt.topic": "\(message.topic)"])
            return
        }
        _ = client.publish(
            PublishPacket(
                topic: message.topic, payload: ByteBuffer(bytes: message.payload),
                qos: QoS(rawValue: message.qos) ?? .atMostOnce, retain: message.retain))
    }
}
