import GantryServer
import Testing

/// `mqtt.broker` and its companions: what parses, what stops the start with a message that says why.
@Suite struct ExternalBrokerConfigurationTests {
    @Test func urlsParse() throws {
        let plain = try ExternalBrokerAddress(url: "mqtt://broker.plant.local")
        #expect(plain == ExternalBrokerAddress(host: "broker.plant.local", port: 1883))
        let full = try ExternalBrokerAddress(url: "mqtt://gantry:s3cr%40t@10.1.2.3:18830/")
        #expect(full == ExternalBrokerAddress(host: "10.1.2.3", port: 18830, username: "gantry", password: "s3cr@t"))
        #expect(!full.description.contains("s3cr"), "the password stays out of logs: \(full)")
        let ipv6 = try ExternalBrokerAddress(url: "mqtt://[::1]:1884")
        #expect(ipv6.host == "::1" && ipv6.port == 1884)
        #expect(!plain.usesTLS && plain.description == "mqtt://broker.plant.local:1883")
    }

    @Test func mqttsURLsParseWithTLSOnPort8883() throws {
        let plain = try ExternalBrokerAddress(url: "mqtts://broker.plant.local")
        #expect(plain == ExternalBrokerAddress(host: "broker.plant.local", port: 8883, usesTLS: true))
        #expect(plain.description == "mqtts://broker.plant.local:8883")
        let full = try ExternalBrokerAddress(url: "MQTTS://gantry:s3cr%40t@10.1.2.3:18883")
        #expect(
            full
                == ExternalBrokerAddress(
                    host: "10.1.2.3", port: 18883, username: "gantry", password: "s3cr@t", usesTLS: true))
        #expect(full.description == "mqtts://gantry@10.1.2.3:18883")
    }

    @Test(arguments: [
        ("http://broker:1883", "mqtt://"),
        ("ws://broker:8883", "mqtts://"),
        ("mqtts://", "no host"),
        ("mqtts://broker:8883/plant", "mqtts://host:port"),
        ("mqtt://", "no host"),
        ("mqtt://:1883", "no host"),
        ("mqtt://broker:0", "port 0"),
        ("mqtt://broker:70000", "70000"),
        ("mqtt://broker:abc", "abc"),
        ("mqtt://broker:1883/plant", "no path"),
        ("broker:1883", "mqtt://"),
    ])
    func badURLsAreRefusedAtValidation(_ url: String, _ says: String) throws {
        var configuration = ServerConfiguration()
        configuration.mqttBroker = url
        #expect {
            _ = try configuration.validated()
        } throws: { error in
            let text = "\(error)"
            return error is ConfigurationError && text.contains("mqtt.broker") && text.contains(says)
        }
    }

    @Test func passwordIsNotRepeatedInTheError() {
        var configuration = ServerConfiguration()
        configuration.mqttBroker = "mqtt://gantry:hunter2@broker/x"
        #expect {
            _ = try configuration.validated()
        } throws: { error in
            !"\(error)".contains("hunter2")
        }
    }

    @Test func emptyMeansTheBuiltInBroker() throws {
        var configuration = ServerConfiguration()
        configuration.mqttBroker = ""
        #expect(try configuration.validated().externalBroker == nil)
    }

    @Test(arguments: ["", "a/b", "all+", "#"])
    func badShareGroupsAreRefused(_ group: String) {
        var configuration = ServerConfiguration()
        configuration.mqttBroker = "mqtt://broker"
        configuration.mqttBrokerGroup = group
        #expect(throws: ConfigurationError.self) { _ = try configuration.validated() }
    }

    @Test(arguments: [0, -5, 3601])
    func retryMaximumsOutsideOneSecondToAnHourAreRefused(_ seconds: Int) {
        var configuration = ServerConfiguration()
        configuration.mqttBroker = "mqtt://broker"
        configuration.mqttBrokerRetryMaximumSeconds = seconds
        #expect(throws: ConfigurationError.self) { _ = try configuration.validated() }
    }

    @Test func defaultClientIDIsStablePerDataDirectory() {
        var first = ServerConfiguration()
        first.dataDirectory = "/var/lib/gantry"
        var again = ServerConfiguration()
        again.dataDirectory = "/var/lib/gantry/"
        var other = ServerConfiguration()
        other.dataDirectory = "/srv/gantry"
        #expect(first.externalBrokerClientID.hasPrefix("gantry-"))
        #expect(first.externalBrokerClientID == again.externalBrokerClientID, "a restarted node resumes its session")
        #expect(first.externalBrokerClientID != other.externalBrokerClientID)
        first.mqttBrokerClientID = "line-1-node"
        #expect(first.externalBrokerClientID == "line-1-node")
    }
}
