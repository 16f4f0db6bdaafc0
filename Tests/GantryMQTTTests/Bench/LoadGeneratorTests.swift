import GantryBench
import GantryMQTT
import GantryTesting
import NIOPosix
import Testing

/// The load generator of `gantry bench mqtt` against both brokers it measures: every message it sends is
/// received and counted once, in both protocol versions, and a broker's refusals are counted, not hidden.
/// Its connections write and read PUBLISH and PUBACK as bytes, so these runs are what keeps those bytes honest.
struct LoadGeneratorTests {
    static let scenarios = [
        MQTTScenario(shape: .fanIn, qos: .atLeastOnce, publishers: 4, subscribers: 1, deliveries: 2_000, window: 16),
        MQTTScenario(shape: .fanIn, qos: .atMostOnce, publishers: 4, subscribers: 1, deliveries: 2_000, window: 16),
        MQTTScenario(shape: .fanOut, qos: .atLeastOnce, publishers: 1, subscribers: 3, deliveries: 1_500, window: 32),
    ]

    @Test(arguments: [ProtocolVersion.v311, .v5])
    func everyMessageReachesGantrysBrokerOnce(_ version: ProtocolVersion) async throws {
        try await TestBroker.with { broker in
            for scenario in Self.scenarios {
                let result = try await MQTTLoadRunner.run(
                    scenario, broker: "gantry", port: broker.port, version: version,
                    group: MultiThreadedEventLoopGroup.singleton, stallLimit: Patience.reply, brokerCPU: { 0 })
                expectComplete(result)
            }
        }
    }

    @Test(arguments: [ProtocolVersion.v311, .v5])
    func everyMessageReachesMosquittoOnce(_ version: ProtocolVersion) async throws {
        try await MosquittoBroker.with { mosquitto in
            for scenario in Self.scenarios {
                let result = try await MQTTLoadRunner.run(
                    scenario, broker: "mosquitto", port: mosquitto.port, version: version,
                    group: MultiThreadedEventLoopGroup.singleton, stallLimit: Patience.reply, brokerCPU: { 0 })
                expectComplete(result)
            }
        }
    }

    @Test func refusedPublishesAreCountedAndNothingIsDelivered() async throws {
        let scenario = MQTTScenario(
            shape: .fanIn, qos: .atLeastOnce, publishers: 2, subscribers: 1, deliveries: 200, window: 16)
        try await TestBroker.with(authenticator: PublishersMayNotPublish()) { broker in
            let result = try await MQTTLoadRunner.run(
                scenario, broker: "gantry", port: broker.port, version: .v5,
                group: MultiThreadedEventLoopGroup.singleton, brokerCPU: { 0 })
            #expect(result.delivered == 0)
            // Nothing arrives, so each publisher stops after its first window, every message of it refused.
            #expect(result.refused == scenario.publishers * scenario.window)
            #expect(result.unexpected == 0)
        }
    }

    private func expectComplete(_ result: MQTTScenarioResult) {
        #expect(result.delivered == result.expected, "\(result.scenario.name)")
        #expect(result.expected > 0)
        #expect(result.refused == 0, "\(result.scenario.name)")
        #expect(result.unexpected == 0, "\(result.scenario.name)")
        #expect(result.rate > 0)
        #expect(result.p50Microseconds > 0 && result.p50Microseconds <= result.p99Microseconds)
    }
}

/// Lets the generator's publishers (`pub-…`) log in but publish nowhere they write to; the rest may do anything.
private struct PublishersMayNotPublish: MQTTAuthenticator {
    func authenticate(_ login: MQTTLogin) async -> MQTTLoginDecision {
        let permissions =
            login.clientID.hasPrefix("pub-") ? TopicPermissions(allow: ["elsewhere/#"]) : .unrestricted
        return .accepted(identity: login.clientID, permissions: permissions, attachment: nil)
    }
}
