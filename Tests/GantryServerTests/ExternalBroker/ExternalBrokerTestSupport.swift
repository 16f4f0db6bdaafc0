import Foundation
import GantryMQTT
import GantryServer
import GantryTesting
import HummingbirdTesting
import NIOCore
import Testing

/// A platform in external broker mode against a Mosquitto, with the plant `acme/plant1/press-7` in place.
struct ExternalBrokerFixture: Sendable {
    let platform: Platform
    let client: any TestClientProtocol
    let token: String
    let mosquitto: MosquittoBroker

    static let asset = "acme/plant1/press-7"

    /// Runs `body` on a fresh platform subscribed at `mosquitto` (ingest running; bridges are the test's).
    static func with(
        _ mosquitto: MosquittoBroker, configure: @escaping @Sendable (inout ServerConfiguration) -> Void = { _ in },
        _ body: @escaping @Sendable (ExternalBrokerFixture) async throws -> Void
    ) async throws {
        try await TestPlatform.withPlatform(configure: {
            $0.mqttBroker = "mqtt://127.0.0.1:\(mosquitto.port)"
            // A broker the bridge missed (a loaded machine, a restart) is tried again within a second.
            $0.mqttBrokerRetryMaximumSeconds = 1
            configure(&$0)
        }) { platform in
            try await platform.makeApplication().test(.router) { client in
                let token = try await client.signIn("admin", TestPlatform.adminPassword)
                for path in ["acme", "acme/plant1", asset] {
                    let created = try await client.send(
                        .post, "/api/v1/assets", token: token, json: #"{"path":"\#(path)","name":"x"}"#)
                    #expect(created.status == .created)
                }
                try await withThrowingTaskGroup(of: Void.self) { tasks in
                    tasks.addTask { try await platform.ingest.run() }
                    defer { tasks.cancelAll() }
                    try await body(
                        ExternalBrokerFixture(platform: platform, client: client, token: token, mosquitto: mosquitto))
                }
            }
        }
    }

    /// A bridge of this platform (a node); `clientID` tells nodes apart.
    func bridge(_ clientID: String, hostsSparkplug: Bool = true) throws -> ExternalBrokerBridge {
        try #require(try platform.makeExternalBrokerBridge(clientID: clientID, hostsSparkplug: hostsSparkplug))
    }

    /// Runs the bridges around `body`, first waiting (bounded) until each has connected; stops them after,
    /// as graceful shutdown would (offline STATE, DISCONNECT, session kept).
    func running<Result: Sendable>(
        _ bridges: [ExternalBrokerBridge], waitForConnection: Bool = true, _ body: () async throws -> Result
    ) async throws -> Result {
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            for bridge in bridges { tasks.addTask { await bridge.run() } }
            defer { tasks.cancelAll() }
            if waitForConnection {
                for bridge in bridges {
                    try #require(
                        await eventually { bridge.isConnected },
                        """
                        the bridge did not connect: \(bridge.connections) connections, \(bridge.failedConnections) \
                        failed attempts
                        """)
                }
            }
            return try await body()
        }
    }

    /// An MQTT client of the broker, as a device or a test tool connects.
    func mqttClient(_ id: String) async throws -> MQTTClient {
        try await MQTTClient.connect(port: mosquitto.port, configuration: MQTTClientConfiguration(clientID: id))
    }

    /// The points of `tag` in the last hour and a minute ahead, read over HTTP.
    func points(_ tag: String) async throws -> [[String: Any]] {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let response = try await client.send(
            .get, "/api/v1/telemetry?tag=\(tag)&from=\(now - 3_600_000)&to=\(now + 60_000)", token: token)
        guard response.status == .ok else { return [] }
        let series = try (response.json()["series"] as? [[String: Any]]) ?? []
        return series.first?["points"] as? [[String: Any]] ?? []
    }

    /// Waits (bounded: about 30 s) until `tag` holds `count` points; returns the points it has then.
    func waitForPoints(_ tag: String, count: Int) async throws -> [[String: Any]] {
        var found: [[String: Any]] = []
        _ = try await eventually {
            found = try await points(tag)
            return found.count >= count
        }
        return found
    }
}

/// Polls `condition` every 20 ms, at most `attempts` times (about 30 s); true as soon as it holds. Never asserts on time:
/// the bound only keeps a broken test from hanging.
func eventually(attempts: Int = 1500, _ condition: () async throws -> Bool) async throws -> Bool {
    for _ in 0..<attempts {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return false
}

/// Publishes `{"value":…,"ts":…}` at QoS 1 and returns Mosquitto's PUBACK code.
@discardableResult
func publishValue(
    _ client: MQTTClient, _ topic: String, _ value: Double, at timestamp: Int64? = nil
) async throws
    -> ReasonCode
{
    let body = timestamp.map { #"{"value":\#(value),"ts":\#($0)}"# } ?? "\(value)"
    return try await client.publish(to: topic, payload: ByteBuffer(string: body), qos: .atLeastOnce)
}
