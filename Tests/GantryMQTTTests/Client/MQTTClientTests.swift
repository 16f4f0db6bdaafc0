import GantryMQTT
import GantryTesting
import NIOCore
import Testing

/// The client against Gantry's broker and against Mosquitto, in both protocol versions.
@Suite(.timeLimit(.minutes(1)))
struct MQTTClientTests {
    @Test(arguments: brokersAndVersions)
    func qosRoundTrip(_ broker: BrokerKind, _ version: ProtocolVersion) async throws {
        try await broker.run { port in
            let subscriber = try await client(port, version, id: "rt-sub")
            #expect(try await subscriber.subscribe(to: "client/rt/+", qos: .exactlyOnce) == .grantedQoS2)
            let publisher = try await client(port, version, id: "rt-pub")
            for qos in QoS.allCases {
                let code = try await publisher.publish(
                    to: "client/rt/\(qos.rawValue)", payload: ByteBuffer(string: "q\(qos.rawValue)"), qos: qos)
                #expect(code == .success)
            }
            let messages = await receive(3, from: subscriber)
            #expect(messages.map(\.topic) == ["client/rt/0", "client/rt/1", "client/rt/2"])
            #expect(messages.map(\.text) == ["q0", "q1", "q2"])
            #expect(messages.map(\.qos) == QoS.allCases)
            #expect(messages.allSatisfy { !$0.retain })
            let pending = try await publisher.pendingPublishes()
            #expect(pending.inFlight == 0 && pending.queued == 0)
            await publisher.disconnect()
            await subscriber.disconnect()
        }
    }

    @Test(arguments: brokersAndVersions)
    func windowKeepsManyPublishesInOrder(_ broker: BrokerKind, _ version: ProtocolVersion) async throws {
        try await broker.run { port in
            let subscriber = try await client(port, version, id: "win-sub")
            _ = try await subscriber.subscribe(to: "client/win", qos: .atLeastOnce)
            let publisher = try await MQTTClient.connect(
                port: port,
                configuration: MQTTClientConfiguration(
                    version: version, clientID: "win-pub-\(version.rawValue)", maximumInFlight: 4))
            let futures = (0..<200).map { index in
                publisher.publish(
                    PublishPacket(topic: "client/win", payload: ByteBuffer(string: "\(index)"), qos: .atLeastOnce))
            }
            for future in futures { #expect(try await future.get() == .success) }
            let messages = await receive(200, from: subscriber)
            #expect(messages.map(\.text) == (0..<200).map { "\($0)" })
            await publisher.disconnect()
            await subscriber.disconnect()
        }
    }

    @Test(arguments: brokersAndVersions)
    func retainedMessageReachesLaterSubscriber(_ broker: BrokerKind, _ version: ProtocolVersion) async throws {
        try await broker.run { port in
            let publisher = try await client(port, version, id: "ret-pub")
            let topic = "client/retained/\(version.rawValue)"
            try await publisher.publish(to: topic, payload: ByteBuffer(string: "kept"), qos: .atLeastOnce, retain: true)
            let subscriber = try await client(port, version, id: "ret-sub")
            _ = try await subscriber.subscribe(to: topic, qos: .atLeastOnce)
            let messages = await receive(1, from: subscriber)
            #expect(messages.map(\.text) == ["kept"])
            #expect(messages.first?.retain == true)
            // An empty retained message clears the topic [MQTT-3.3.1-6].
            try await publisher.publish(to: topic, payload: ByteBuffer(), qos: .atLeastOnce, retain: true)
            let late = try await client(port, version, id: "ret-late")
            _ = try await late.subscribe(to: topic, qos: .atLeastOnce)
            #expect(await receive(1, from: late, timeout: .milliseconds(300)).isEmpty)
            for client in [publisher, subscriber, late] { await client.disconnect() }
        }
    }

    @Test(arguments: brokersAndVersions)
    func willIsPublishedWhenTheConnectionDrops(_ broker: BrokerKind, _ version: ProtocolVersion) async throws {
        try await broker.run { port in
            let watcher = try await client(port, version, id: "will-watch")
            _ = try await watcher.subscribe(to: "client/will/+", qos: .atLeastOnce)
            let will = ConnectPacket.Will(
                topic: "client/will/\(version.rawValue)", payload: ByteBuffer(string: "gone"), qos: .atLeastOnce)
            let device = try await client(port, version, id: "will-device", will: will)
            await device.close()
            let messages = await receive(1, from: watcher)
            #expect(messages.map(\.topic) == ["client/will/\(version.rawValue)"])
            #expect(messages.map(\.text) == ["gone"])
            // A clean DISCONNECT discards the will [MQTT-3.1.2-10].
            let polite = try await client(port, version, id: "will-polite", will: will)
            await polite.disconnect()
            #expect(await receive(1, from: watcher, timeout: .milliseconds(300)).isEmpty)
            await watcher.disconnect()
        }
    }

    @Test(arguments: brokersAndVersions)
    func sharedSubscriptionDeliversEachMessageOnce(_ broker: BrokerKind, _ version: ProtocolVersion) async throws {
        try await broker.run { port in
            let first = try await client(port, version, id: "share-a")
            let second = try await client(port, version, id: "share-b")
            for member in [first, second] {
                #expect(try await member.subscribe(to: "$share/workers/client/jobs", qos: .atLeastOnce) == .grantedQoS1)
            }
            let publisher = try await client(port, version, id: "share-pub")
            for index in 0..<20 {
                try await publisher.publish(
                    to: "client/jobs", payload: ByteBuffer(string: "\(index)"), qos: .atLeastOnce)
            }
            let shares = await receive(20, sharedBy: [first, second])
            let (a, b) = (shares[0], shares[1])
            #expect((a + b).map(\.text).sorted() == (0..<20).map { "\($0)" }.sorted())
            #expect(!a.isEmpty && !b.isEmpty)
            for client in [first, second, publisher] { await client.disconnect() }
        }
    }

    @Test(arguments: BrokerKind.allCases)
    func subscriptionIdentifierComesBack(_ broker: BrokerKind) async throws {
        try await broker.run { port in
            let subscriber = try await client(port, .v5, id: "subid")
            _ = try await subscriber.subscribe(to: "client/subid/#", qos: .atLeastOnce, identifier: 42)
            try await subscriber.publish(to: "client/subid/x", payload: ByteBuffer(string: "1"), qos: .atLeastOnce)
            let messages = await receive(1, from: subscriber)
            #expect(messages.first?.properties.subscriptionIdentifiers == [42])
            #expect(
                try await subscriber.unsubscribe(["client/subid/#", "client/none"]) == [
                    .success, .noSubscriptionExisted,
                ])
            await subscriber.disconnect()
        }
    }

    @Test(arguments: brokersAndVersions)
    func keepAlivePingsAnIdleConnection(_ broker: BrokerKind, _ version: ProtocolVersion) async throws {
        // The broker closes a connection silent for 1.5 × keep-alive [MQTT-3.1.2-24]; the client's pings prevent it.
        // A keep-alive of 3 s leaves each ping 1.5 s of slack on a loaded machine; 7 s idle spans two of them.
        try await broker.run { port in
            let idle = try await client(port, version, id: "keepalive", keepAlive: 3)
            try await Task.sleep(for: .seconds(7))
            #expect(try await idle.subscribe(to: "client/ka", qos: .atMostOnce) == .grantedQoS0)
            await idle.disconnect()
        }
    }

    @Test(arguments: BrokerKind.allCases)
    func callbackReceivesOnTheEventLoop(_ broker: BrokerKind) async throws {
        try await broker.run { port in
            let (stream, continuation) = AsyncStream.makeStream(of: String.self)
            let subscriber = try await MQTTClient.connect(
                port: port, configuration: MQTTClientConfiguration(clientID: "callback-sub")
            ) { message in continuation.yield(String(buffer: message.payload)) }
            _ = try await subscriber.subscribe(to: "client/cb", qos: .atLeastOnce)
            let publisher = try await client(port, .v5, id: "callback-pub")
            let acknowledged = AsyncStream.makeStream(of: ReasonCode.self)
            publisher.publish(
                (0..<10).map {
                    PublishPacket(topic: "client/cb", payload: ByteBuffer(string: "\($0)"), qos: .atLeastOnce)
                }
            ) { result in acknowledged.continuation.yield((try? result.get()) ?? .unspecifiedError) }
            var codes: [ReasonCode] = []
            for await code in acknowledged.stream {
                codes.append(code)
                if codes.count == 10 { break }
            }
            #expect(codes == Array(repeating: .success, count: 10))
            var texts: [String] = []
            for await text in stream {
                texts.append(text)
                if texts.count == 10 { break }
            }
            #expect(texts == (0..<10).map { "\($0)" })
            await publisher.disconnect()
            await subscriber.disconnect()
        }
    }

    @Test func refusedLoginThrowsWithTheReasonCode() async throws {
        _ = try await TestBroker.with(authenticator: RefuseAll()) { broker in
            await #expect {
                _ = try await client(broker.port, .v5, id: "refused")
            } throws: { error in
                (error as? MQTTClientError)?.code == .connectionRefused
                    && (error as? MQTTClientError)?.reasonCode == .notAuthorized
            }
        }
    }
}

/// Refuses every login with 0x87.
private struct RefuseAll: MQTTAuthenticator {
    func authenticate(_ login: MQTTLogin) async -> MQTTLoginDecision { .refused(.notAuthorized, reason: "test") }
}
