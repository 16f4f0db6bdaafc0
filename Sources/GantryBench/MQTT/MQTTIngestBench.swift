import Foundation
import GantryMQTT
import GantryServer
import NIOCore
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// End-to-end ingest: unified-namespace samples published over MQTT QoS 1 into a running
/// `gantry serve`, counted by PUBACK, which the platform sends only once a sample is durable.
public struct MQTTIngestResult: Sendable {
    public var samples: Int
    public var acknowledged: Int
    public var refused: Int
    public var seconds: Double
    /// Tags whose latest value the HTTP API returned afterwards, of `tags`.
    public var tagsWithValues: Int
    public var tags: Int

    public var samplesPerSecond: Double { seconds > 0 ? Double(acknowledged) / seconds : 0 }
}

enum MQTTIngestBench {
    static let assets = ["acme", "acme/plant1", "acme/plant1/line1", "acme/plant1/line1/press-7"]

    /// Registers the asset chain and a device over HTTP, then publishes `samples` samples over
    /// `tags` tags from `connections` connections, each with `window` publishes in flight.
    static func run(
        httpPort: Int, mqttPort: Int, adminPassword: String, samples: Int, tags: Int, connections: Int, window: Int,
        group: any EventLoopGroup
    ) async throws -> MQTTIngestResult {
        let http = HTTP(base: "http://127.0.0.1:\(httpPort)")
        let login = try await http.send("POST", "/api/v1/auth/login", ["username": "admin", "password": adminPassword])
        guard let token = login["token"] as? String else { throw BenchError("login answered no token: \(login)") }
        http.token = token
        for asset in assets { _ = try await http.send("POST", "/api/v1/assets", ["path": asset, "name": asset]) }
        let device = try await http.send(
            "POST", "/api/v1/devices", ["name": "press-7-plc", "assetPath": "acme/plant1/line1/press-7"])
        guard let password = device["password"] as? String else { throw BenchError("no device password: \(device)") }
        var clients: [MQTTClient] = []
        for index in 0..<connections {
            clients.append(
                try await MQTTClient.connect(
                    port: mqttPort,
                    configuration: MQTTClientConfiguration(
                        clientID: "ingest-\(index)", username: "acme.press-7-plc", password: Array(password.utf8),
                        maximumInFlight: window, maximumQueued: samples),
                    group: group))
        }
        // The first sample of each tag creates it; do that before the clock starts.
        let root = "acme/plant1/line1/press-7"
        for tag in 0..<tags {
            try await clients[0].publish(to: "\(root)/t\(tag)", payload: ByteBuffer(string: "0"), qos: .atLeastOnce)
        }
        let tally = IngestTally()
        let start = ContinuousClock.now
        let perClient = samples / connections
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            for (index, client) in clients.enumerated() {
                tasks.addTask {
                    try await publish(
                        client: client, first: index * perClient, count: perClient, tags: tags, window: window,
                        root: root, tally: tally)
                }
            }
            try await tasks.waitForAll()
        }
        let elapsed = ContinuousClock.now - start
        for client in clients { await client.disconnect() }
        var withValues = 0
        for chunk in stride(from: 0, to: tags, by: 50) {
            let query = (chunk..<min(tags, chunk + 50)).map { "tag=\(root)/t\($0)" }.joined(separator: "&")
            let answer = try await http.send("GET", "/api/v1/telemetry/latest?" + query, nil)
            let series = answer["series"] as? [[String: Any]] ?? answer["data"] as? [[String: Any]] ?? []
            withValues += series.filter { ($0["points"] as? [Any])?.isEmpty == false }.count
        }
        return MQTTIngestResult(
            samples: perClient * connections, acknowledged: tally.acknowledged.load(ordering: .relaxed),
            refused: tally.refused.load(ordering: .relaxed), seconds: Double(elapsed / .milliseconds(1)) / 1000,
            tagsWithValues: withValues, tags: tags)
    }

    /// Publishes samples `first..<first + count` in batches that keep `window` in flight.
    private static func publish(
        client: MQTTClient, first: Int, count: Int, tags: Int, window: Int, root: String, tally: IngestTally
    ) async throws {
        let done = Counter()
        var sent = 0
        while sent < count {
            let outstanding = sent - done.value.load(ordering: .relaxed)
            let room = min(window - outstanding, count - sent)
            if room < max(1, window / 4), sent + room < count {
                try await Task.sleep(for: .microseconds(200))
                continue
            }
            let batch = (sent..<sent + room).map { index -> PublishPacket in
                let sample = first + index
                let value = 20 + Double(sample % 1000) / 100
                return PublishPacket(
                    topic: "\(root)/t\(sample % tags)", payload: ByteBuffer(string: "\(value)"), qos: .atLeastOnce)
            }
            sent += room
            client.publish(batch) { result in
                if case .success(let code) = result, !code.isFailure {
                    tally.acknowledged.wrappingAdd(1, ordering: .relaxed)
                } else {
                    tally.refused.wrappingAdd(1, ordering: .relaxed)
                }
                done.value.wrappingAdd(1, ordering: .relaxed)
            }
        }
        while done.value.load(ordering: .relaxed) < count { try await Task.sleep(for: .milliseconds(1)) }
    }
}

/// PUBACKs counted across connections.
final class IngestTally: Sendable {
    let acknowledged = Atomic<Int>(0)
    let refused = Atomic<Int>(0)
}

/// Just enough HTTP and JSON for the benchmark's setup calls.
final class HTTP: @unchecked Sendable {  // `token` is set once, before concurrent use
    let base: String
    var token: String?

    init(base: String) { self.base = base }

    func send(_ method: String, _ path: String, _ body: [String: String]?) async throws -> [String: Any] {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body { request.httpBody = try JSONSerialization.data(withJSONObject: body) }
        let (data, response) = try await URLSession.shared.cancellableData(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            throw BenchError("\(method) \(path) answered \(status): \(String(decoding: data, as: UTF8.self))")
        }
        guard !data.isEmpty else { return [:] }
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    /// Sends a JSON text as it is (for nested bodies).
    @discardableResult
    func sendJSON(_ method: String, _ path: String, _ json: String) async throws -> [String: Any] {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        request.httpBody = Data(json.utf8)
        let (data, response) = try await URLSession.shared.cancellableData(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            throw BenchError("\(method) \(path) answered \(status): \(String(decoding: data, as: UTF8.self))")
        }
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }
}
