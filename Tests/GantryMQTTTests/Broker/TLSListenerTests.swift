import GantryMQTT
import GantryTesting
import NIOCore
import NIOSSL
import Synchronization
import Testing

/// MQTT over TLS: the handshake guards the broker, and a verified client certificate's name
/// reaches the authenticator, never an unverified one.
@Suite(.timeLimit(.minutes(1)))
struct TLSListenerTests {
    @Test func clientTrustingTheCAExchangesMessagesOverTLS() async throws {
        try await TestCertificates.with { pki in
            let logins = LoginRecorder()
            try await TestBroker.with(authenticator: logins, security: try security(pki, .none)) { broker in
                let subscriber = try await tlsClient(broker.port, id: "tls-sub", tls: try pki.clientTLS())
                #expect(try await subscriber.subscribe(to: "tls/#", qos: .atLeastOnce) == .grantedQoS1)
                let publisher = try await tlsClient(broker.port, id: "tls-pub", tls: try pki.clientTLS())
                #expect(
                    try await publisher.publish(to: "tls/a", payload: ByteBuffer(string: "sealed"), qos: .atLeastOnce)
                        == .success)
                let messages = await receive(1, from: subscriber)
                #expect(messages.map(\.text) == ["sealed"])
                #expect(logins.subjects == [nil, nil])
                await publisher.disconnect()
                await subscriber.disconnect()
            }
        }
    }

    @Test func plainTCPClientGetsNoSession() async throws {
        try await TestCertificates.with { pki in
            let logins = LoginRecorder()
            try await TestBroker.with(authenticator: logins, security: try security(pki, .none)) { broker in
                await #expect(throws: (any Error).self) {
                    _ = try await MQTTClient.connect(
                        port: broker.port,
                        configuration: MQTTClientConfiguration(clientID: "plain", connectTimeout: .seconds(3)))
                }
                #expect(logins.subjects.isEmpty)
            }
        }
    }

    @Test func clientRefusesABrokerItsCADidNotSign() async throws {
        try await TestCertificates.with { pki in
            let logins = LoginRecorder()
            try await TestBroker.with(authenticator: logins, security: try security(pki, .none)) { broker in
                await #expect(throws: (any Error).self) {
                    _ = try await tlsClient(
                        broker.port, id: "wrong-trust", tls: try pki.clientTLS(trustingForeignCA: true))
                }
                #expect(logins.subjects.isEmpty)
            }
        }
    }

    @Test func optionalCertificatesNameTheClientWhenPresented() async throws {
        try await TestCertificates.with { pki in
            let logins = LoginRecorder()
            try await TestBroker.with(authenticator: logins, security: try security(pki, .optional)) { broker in
                let anonymous = try await tlsClient(broker.port, id: "no-cert", tls: try pki.clientTLS())
                let named = try await tlsClient(
                    broker.port, id: "with-cert",
                    tls: try pki.clientTLS(presenting: try pki.clientCertificate(commonName: "acme.press-7")))
                #expect(logins.subjects == [nil, "acme.press-7"])
                await #expect(throws: (any Error).self) {
                    _ = try await tlsClient(
                        broker.port, id: "foreign-cert",
                        tls: try pki.clientTLS(
                            presenting: try pki.clientCertificate(commonName: "acme.x", foreign: true)))
                }
                #expect(logins.subjects.count == 2)
                await anonymous.disconnect()
                await named.disconnect()
            }
        }
    }

    @Test func requiredCertificatesTurnAwayClientsWithoutOne() async throws {
        try await TestCertificates.with { pki in
            let logins = LoginRecorder()
            try await TestBroker.with(authenticator: logins, security: try security(pki, .required)) { broker in
                await #expect(throws: (any Error).self) {
                    _ = try await tlsClient(broker.port, id: "no-cert", tls: try pki.clientTLS())
                }
                await #expect(throws: (any Error).self) {
                    _ = try await tlsClient(
                        broker.port, id: "foreign-cert",
                        tls: try pki.clientTLS(
                            presenting: try pki.clientCertificate(commonName: "acme.x", foreign: true)))
                }
                let named = try await tlsClient(
                    broker.port, id: "with-cert",
                    tls: try pki.clientTLS(presenting: try pki.clientCertificate(commonName: "acme.pump-1")))
                #expect(logins.subjects == ["acme.pump-1"])
                await named.disconnect()
            }
        }
    }

    @Test func unverifiedCertificateNamesNobody() async throws {
        try await TestCertificates.with { pki in
            let logins = LoginRecorder()
            try await TestBroker.with(authenticator: logins, security: try security(pki, .none)) { broker in
                // Without client-certificate checking, whatever the client shows must not stand for it.
                let client = try await tlsClient(
                    broker.port, id: "self-named",
                    tls: try pki.clientTLS(
                        presenting: try pki.clientCertificate(commonName: "acme.admin", foreign: true)))
                #expect(logins.subjects == [nil])
                await client.disconnect()
            }
        }
    }

    @Test func unreadableCertificateFailsAtConfiguration() async throws {
        try await TestCertificates.with { pki in
            #expect(throws: (any Error).self) {
                _ = try MQTTTransportSecurity(
                    certificateChainFile: pki.directory + "/missing.pem", privateKeyFile: pki.serverKeyFile,
                    clientCAFile: nil, clientCertificates: .none)
            }
            #expect(throws: (any Error).self) {
                // A key that does not belong to the certificate.
                _ = try MQTTTransportSecurity(
                    certificateChainFile: pki.serverCertificateFile, privateKeyFile: pki.directory + "/ca.key",
                    clientCAFile: nil, clientCertificates: .none)
            }
        }
    }

    private func security(
        _ pki: TestCertificates, _ clientCertificates: MQTTTransportSecurity.ClientCertificates
    ) throws -> MQTTTransportSecurity {
        try MQTTTransportSecurity(
            certificateChainFile: pki.serverCertificateFile, privateKeyFile: pki.serverKeyFile,
            clientCAFile: clientCertificates == .none ? nil : pki.caFile, clientCertificates: clientCertificates)
    }

    private func tlsClient(_ port: Int, id: String, tls: TLSConfiguration) async throws -> MQTTClient {
        try await MQTTClient.connect(
            port: port, configuration: MQTTClientConfiguration(clientID: id, connectTimeout: .seconds(5), tls: tls))
    }
}

/// Lets everyone in and remembers the certificate name each login carried, in order.
final class LoginRecorder: MQTTAuthenticator {
    private let seen = Mutex<[String?]>([])

    var subjects: [String?] { seen.withLock { $0 } }

    func authenticate(_ login: MQTTLogin) async -> MQTTLoginDecision {
        seen.withLock { $0.append(login.certificateSubject) }
        return .accepted(identity: login.clientID, permissions: .unrestricted)
    }
}
