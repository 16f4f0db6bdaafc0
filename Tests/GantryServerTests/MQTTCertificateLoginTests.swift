import Foundation
import GantryMQTT
import GantryServer
import GantryTesting
import HummingbirdTesting
import NIOCore
import Testing

/// Devices that log in with a certificate from the plant's CA instead of a password.
@Suite(.timeLimit(.minutes(1)))
struct MQTTCertificateLoginTests {
    @Test func deviceCertificateLogsInWithoutPasswordAndStaysInItsSubtree() async throws {
        try await TestCertificates.with { pki in
            try await TestPlatform.withPlatform(configure: { useTLS(pki, on: &$0) }) { platform in
                try await platform.makeApplication().test(.router) { client in
                    let token = try await client.signIn("admin", TestPlatform.adminPassword)
                    let password = try await registerPress(client, token: token)
                    try await TestPlatform.withMQTT(platform, tls: true) { port in
                        let plc = try await MQTTClient.connect(
                            port: port,
                            configuration: MQTTClientConfiguration(
                                clientID: "press-7",
                                tls: try pki.clientTLS(
                                    presenting: try pki.clientCertificate(commonName: "acme.press-7-plc"))))
                        let stored = try await plc.publish(
                            to: "acme/plant1/press-7/temperature", payload: ByteBuffer(string: "64.5"),
                            qos: .atLeastOnce)
                        #expect(stored == .success)
                        let read = try await client.send(
                            .get, "/api/v1/telemetry/latest?tag=acme/plant1/press-7/temperature", token: token)
                        #expect(read.text.contains("64.5"), "\(read.text)")
                        let outside = try await plc.publish(
                            to: "acme/plant1/press-8/temperature", payload: ByteBuffer(string: "1"), qos: .atLeastOnce)
                        #expect(outside == .notAuthorized)
                        await plc.disconnect()

                        // Client certificates are optional: the password still works over TLS.
                        let byPassword = try await MQTTClient.connect(
                            port: port,
                            configuration: MQTTClientConfiguration(
                                clientID: "press-7b", username: "acme.press-7-plc", password: Array(password.utf8),
                                tls: try pki.clientTLS()))
                        await byPassword.disconnect()
                    }
                }
            }
        }
    }

    @Test func certificateCannotLogInAsAnotherDeviceOrAnUnknownOne() async throws {
        try await TestCertificates.with { pki in
            try await TestPlatform.withPlatform(configure: { useTLS(pki, on: &$0) }) { platform in
                try await platform.makeApplication().test(.router) { client in
                    let token = try await client.signIn("admin", TestPlatform.adminPassword)
                    _ = try await registerPress(client, token: token)
                    try await TestPlatform.withMQTT(platform, tls: true) { port in
                        let press = try pki.clientCertificate(commonName: "acme.press-7-plc")
                        let posing = await refusal {
                            try await MQTTClient.connect(
                                port: port,
                                configuration: MQTTClientConfiguration(
                                    clientID: "posing", username: "acme.other-plc",
                                    tls: try pki.clientTLS(presenting: press)))
                        }
                        #expect(posing == .notAuthorized)
                        let stranger = await refusal {
                            try await MQTTClient.connect(
                                port: port,
                                configuration: MQTTClientConfiguration(
                                    clientID: "stranger",
                                    tls: try pki.clientTLS(
                                        presenting: try pki.clientCertificate(commonName: "acme.ghost"))))
                        }
                        #expect(stranger == .notAuthorized)
                    }
                }
            }
        }
    }

    @Test func tlsListenersStayClosedInExternalBrokerMode() async throws {
        try await TestCertificates.with { pki in
            try await TestPlatform.withPlatform(configure: { useTLS(pki, on: &$0) }) { platform in
                #expect(platform.makeMQTTTLSListener(port: 0) != nil)
                #expect(platform.makeMQTTSecureWebSocketListener(port: 0) != nil)
            }
            try await TestPlatform.withPlatform(configure: {
                useTLS(pki, on: &$0)
                $0.mqttBroker = "mqtt://127.0.0.1:1883"
            }) { platform in
                #expect(platform.makeMQTTTLSListener(port: 0) == nil)
                #expect(platform.makeMQTTSecureWebSocketListener(port: 0) == nil)
            }
        }
    }

    @Test func tlsSettingsAreCheckedBeforeStart() async throws {
        try await TestCertificates.with { pki in
            var halfConfigured = ServerConfiguration()
            halfConfigured.mqttTLS.certificateFile = pki.serverCertificateFile
            #expect(throws: ConfigurationError.self) { try halfConfigured.validated() }

            var requiredWithoutCA = ServerConfiguration()
            useTLS(pki, on: &requiredWithoutCA)
            requiredWithoutCA.mqttTLS.clientCAFile = nil
            requiredWithoutCA.mqttTLS.clientCertificates = .required
            #expect(throws: ConfigurationError.self) { try requiredWithoutCA.validated() }

            await #expect(throws: ConfigurationError.self) {
                try await TestPlatform.withPlatform(configure: {
                    useTLS(pki, on: &$0)
                    $0.mqttTLS.privateKeyFile = pki.directory + "/ca.key"
                }) { _ in }
            }
        }
    }

    private func useTLS(_ pki: TestCertificates, on configuration: inout ServerConfiguration) {
        configuration.mqttTLS.certificateFile = pki.serverCertificateFile
        configuration.mqttTLS.privateKeyFile = pki.serverKeyFile
        configuration.mqttTLS.clientCAFile = pki.caFile
    }

    /// Makes the press-7 assets and its PLC device (user `acme.press-7-plc`); returns its password.
    private func registerPress(_ client: any TestClientProtocol, token: String) async throws -> String {
        for (path, name) in [("acme", "Acme"), ("acme/plant1", "Plant 1"), ("acme/plant1/press-7", "Press 7")] {
            let created = try await client.send(
                .post, "/api/v1/assets", token: token, json: #"{"path":"\#(path)","name":"\#(name)"}"#)
            #expect(created.status == .created)
        }
        let device = try await client.send(
            .post, "/api/v1/devices", token: token, json: #"{"name":"press-7-plc","assetPath":"acme/plant1/press-7"}"#)
        return try #require(try device.json()["password"] as? String)
    }

    /// The CONNACK reason code a refused connect carried.
    private func refusal(_ connect: () async throws -> MQTTClient) async -> ReasonCode? {
        do {
            let client = try await connect()
            await client.disconnect()
            return nil
        } catch let error as MQTTClientError {
            return error.reasonCode
        } catch {
            return nil
        }
    }
}
