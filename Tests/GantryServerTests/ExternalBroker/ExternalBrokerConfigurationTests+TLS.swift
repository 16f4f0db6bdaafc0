import Foundation
import GantryServer
import GantryTesting
import Testing

/// `mqtt.brokerCA`, `mqtt.brokerCertificate` and `mqtt.brokerPrivateKey`: refused where they would be ignored or
/// incomplete, and their files read once, with an error that names the key to fix.
extension ExternalBrokerConfigurationTests {
    @Test(arguments: ["mqtt://broker:1883", ""])
    func tlsKeysWithoutAnMqttsBrokerAreRefused(_ broker: String) {
        for key in ["mqtt.brokerCA", "mqtt.brokerCertificate", "mqtt.brokerPrivateKey"] {
            var configuration = ServerConfiguration()
            configuration.mqttBroker = broker
            switch key {
            case "mqtt.brokerCA": configuration.mqttBrokerCA = "/etc/gantry/broker-ca.pem"
            case "mqtt.brokerCertificate": configuration.mqttBrokerCertificate = "/etc/gantry/node.pem"
            default: configuration.mqttBrokerPrivateKey = "/etc/gantry/node.key"
            }
            #expect {
                _ = try configuration.validated()
            } throws: { error in
                error is ConfigurationError && "\(error)".contains(key) && "\(error)".contains("mqtts://")
            }
        }
    }

    @Test func certificateAndKeyGoTogether() {
        for (certificate, key) in [("/etc/gantry/node.pem", nil), (nil, "/etc/gantry/node.key")] {
            var configuration = ServerConfiguration()
            configuration.mqttBroker = "mqtts://broker"
            configuration.mqttBrokerCertificate = certificate
            configuration.mqttBrokerPrivateKey = key
            #expect {
                _ = try configuration.validated()
            } throws: { error in
                "\(error)".contains("mqtt.brokerCertificate and mqtt.brokerPrivateKey must be set together")
            }
        }
    }

    @Test func plainBrokerHasNoTLSAndMqttsWithoutCAUsesTheSystemRoots() throws {
        var configuration = ServerConfiguration()
        configuration.mqttBroker = "mqtt://broker"
        #expect(try configuration.validated().externalBrokerTLS() == nil)
        configuration.mqttBroker = "mqtts://broker"
        let tls = try #require(try configuration.validated().externalBrokerTLS())
        #expect(tls.trustRoots == nil || tls.trustRoots == .default)
        #expect(tls.certificateVerification == .fullVerification, "the certificate must name the host")
    }

    @Test func filesAreReadWithTheirKeyNamedInTheError() async throws {
        try await TestCertificates.with { pki in
            let node = try pki.clientCertificate(commonName: "gantry-node")
            let other = try pki.clientCertificate(commonName: "someone-else")
            var configuration = ServerConfiguration()
            configuration.mqttBroker = "mqtts://127.0.0.1:8883"
            configuration.mqttBrokerCA = pki.caFile
            configuration.mqttBrokerCertificate = node.certificate
            configuration.mqttBrokerPrivateKey = node.key
            let tls = try #require(try configuration.validated().externalBrokerTLS())
            #expect(tls.certificateChain.count == 1 && tls.privateKey != nil)

            let missing = pki.directory + "/missing.pem"
            let broken: [(String, (inout ServerConfiguration) -> Void)] = [
                ("mqtt.brokerCA", { $0.mqttBrokerCA = missing }),
                ("mqtt.brokerCA", { $0.mqttBrokerCA = node.key }),
                ("mqtt.brokerCertificate", { $0.mqttBrokerCertificate = missing }),
                ("mqtt.brokerPrivateKey", { $0.mqttBrokerPrivateKey = missing }),
                ("mqtt.brokerPrivateKey", { $0.mqttBrokerPrivateKey = node.certificate }),
                ("mqtt.brokerCertificate", { $0.mqttBrokerPrivateKey = other.key }),
            ]
            for (key, breaking) in broken {
                var wrong = configuration
                breaking(&wrong)
                #expect {
                    _ = try wrong.validated().externalBrokerTLS()
                } throws: { error in
                    error is ConfigurationError && "\(error)".contains(key)
                }
            }
        }
    }
}
