import Foundation
import GantryMQTT
import GantryServer
import GantryTesting
import NIOCore
import Testing

/// External broker mode over TLS (`mqtts://`) against a real Mosquitto: the broker's certificate must chain to
/// `mqtt.brokerCA`, and the bridge shows its own certificate to a broker that requires one.
@Suite(.timeLimit(.minutes(2)))
struct ExternalBrokerTLSTests {
    static let tag = ExternalBrokerFixture.asset + "/temperature"

    @Test func valuePublishedOverTLSIsStored() async throws {
        try await TestCertificates.with { pki in
            try await MosquittoBroker.with(tls: .init(pki)) { mosquitto in
                try await ExternalBrokerFixture.with(mosquitto, configure: { Self.trust(pki.caFile, mosquitto, &$0) }) {
                    fixture in
                    try await fixture.running([try fixture.bridge("gantry-a")]) {
                        let device = try await Self.device(mosquitto, pki)
                        #expect(try await publishValue(device, Self.tag, 21.5) == .success)
                        let points = try await fixture.waitForPoints(Self.tag, count: 1)
                        #expect(points.map { $0["value"] as? Double } == [21.5])
                        await device.disconnect()
                    }
                }
            }
        }
    }

    @Test func bridgeShowsItsCertificateToABrokerThatRequiresOne() async throws {
        try await TestCertificates.with { pki in
            try await MosquittoBroker.with(tls: .init(pki, requireCertificate: true)) { mosquitto in
                let node = try pki.clientCertificate(commonName: "gantry-node")
                // The broker does require one: a client without a certificate does not get in.
                await #expect(throws: (any Error).self) {
                    let refused = try await Self.device(mosquitto, pki)
                    await refused.disconnect()
                }
                try await ExternalBrokerFixture.with(
                    mosquitto,
                    configure: {
                        Self.trust(pki.caFile, mosquitto, &$0)
                        $0.mqttBrokerCertificate = node.certificate
                        $0.mqttBrokerPrivateKey = node.key
                    }
                ) { fixture in
                    try await fixture.running([try fixture.bridge("gantry-a")]) {
                        let plc = try pki.clientCertificate(commonName: "press-7-plc")
                        let device = try await Self.device(mosquitto, pki, presenting: plc)
                        #expect(try await publishValue(device, Self.tag, 64.5) == .success)
                        let points = try await fixture.waitForPoints(Self.tag, count: 1)
                        #expect(points.map { $0["value"] as? Double } == [64.5])
                        await device.disconnect()
                    }
                }
            }
        }
    }

    @Test func brokerWhoseCertificateIsNotSignedByTheConfiguredCAIsRefused() async throws {
        try await TestCertificates.with { pki in
            try await MosquittoBroker.with(tls: .init(pki)) { mosquitto in
                // The broker's certificate is signed by the test CA; the node trusts only another one.
                try await ExternalBrokerFixture.with(
                    mosquitto, configure: { Self.trust(pki.foreignCAFile, mosquitto, &$0) }
                ) { fixture in
                    let bridge = try fixture.bridge("gantry-a")
                    try await fixture.running([bridge], waitForConnection: false) {
                        // Bounded: the backoff starts at 250 ms, so a few attempts pass well within the wait.
                        #expect(
                            try await eventually { bridge.failedConnections >= 3 }, "the bridge keeps retrying")
                        #expect(!bridge.isConnected && bridge.connections == 0)
                        let device = try await Self.device(mosquitto, pki)
                        #expect(
                            try await publishValue(device, Self.tag, 1.5) == .noMatchingSubscribers,
                            "the bridge never got as far as subscribing")
                        #expect(bridge.deliveredMessages == 0)
                        #expect(try await fixture.points(Self.tag).isEmpty, "nothing reached ingest")
                        await device.disconnect()
                    }
                }
            }
        }
    }

    @Test func unreadableCAFileStopsMakingTheBridge() async throws {
        _ = try await withTemporaryDirectory { directory in
            try await TestPlatform.withPlatform(configure: {
                $0.mqttBroker = "mqtts://127.0.0.1:8883"
                $0.mqttBrokerCA = directory + "/missing-ca.pem"
            }) { platform in
                #expect {
                    _ = try platform.makeExternalBrokerBridge()
                } throws: { error in
                    error is ConfigurationError && "\(error)".contains("mqtt.brokerCA")
                }
            }
        }
    }

    /// Points the platform at the TLS broker by address, trusting `caFile` for its certificate.
    static func trust(_ caFile: String, _ mosquitto: MosquittoBroker, _ configuration: inout ServerConfiguration) {
        configuration.mqttBroker = "mqtts://127.0.0.1:\(mosquitto.port)"
        configuration.mqttBrokerCA = caFile
    }

    /// A device (or test tool) connected to the broker over TLS, trusting the test CA and showing `certificate`.
    static func device(
        _ mosquitto: MosquittoBroker, _ pki: TestCertificates,
        presenting certificate: (certificate: String, key: String)? = nil
    ) async throws -> MQTTClient {
        try await MQTTClient.connect(
            port: mosquitto.port,
            configuration: MQTTClientConfiguration(
                clientID: "press-7-plc", tls: try pki.clientTLS(presenting: certificate)))
    }
}
