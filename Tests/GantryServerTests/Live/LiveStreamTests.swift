import Foundation
import GantryServer
import GantryTesting
import HTTPTypes
import HummingbirdTesting
import HummingbirdWSTesting
import Testing
import WSClient

/// `/api/v1/live` through a running platform: a WebSocket client subscribes, and values written afterwards
/// arrive, filtered by the viewer's subtrees.
@Suite struct LiveStreamTests {
    /// A plant with `acme/plant1/press-7/force` and `acme/plant2/press-1/force`, and a viewer of plant1 only.
    static func withPlant(
        _ body: @escaping @Sendable (any TestClientProtocol, _ admin: String, _ viewer: String) async throws -> Void
    ) async throws {
        try await TestPlatform.withPlatform { platform in
            try await platform.makeApplication().test(.live) { client in
                let admin = try await client.signIn("admin", TestPlatform.adminPassword)
                for path in ["acme", "acme/plant1", "acme/plant1/press-7", "acme/plant2", "acme/plant2/press-1"] {
                    let response = try await client.send(
                        .post, "/api/v1/assets", token: admin, json: #"{"path":"\#(path)","name":"x"}"#)
                    #expect(response.status == .created)
                }
                for (tag, type) in [
                    ("acme/plant1/press-7/force", "double"), ("acme/plant2/press-1/force", "double"),
                    ("acme/plant1/press-7/note", "string"),
                ] {
                    let response = try await client.send(
                        .post, "/api/v1/tags", token: admin, json: #"{"path":"\#(tag)","dataType":"\#(type)"}"#)
                    #expect(response.status == .created)
                }
                let created = try await client.send(
                    .post, "/api/v1/users", token: admin,
                    json: #"""
                        {"username":"li.si","password":"lamp-oil-rope-bombs",
                         "grants":[{"role":"viewer","path":"acme/plant1"}]}
                        """#)
                #expect(created.status == .created)
                let viewer = try await client.signIn("li.si", "lamp-oil-rope-bombs")
                try await body(client, admin, viewer)
            }
        }
    }

    static func write(_ client: any TestClientProtocol, _ admin: String, _ tag: String, _ value: Double) async throws {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let response = try await client.send(
            .post, "/api/v1/telemetry", token: admin, json: #"[{"tag":"\#(tag)","ts":\#(now),"value":\#(value)}]"#)
        #expect(response.status == .ok || response.status == .created, "\(response.text)")
    }

    static func bearer(_ token: String) -> WebSocketClientConfiguration {
        var configuration = WebSocketClientConfiguration()
        configuration.additionalHeaders = [.authorization: "Bearer \(token)"]
        return configuration
    }

    static func object(_ message: WebSocketMessage?) throws -> [String: Any] {
        guard case .text(let text) = message else {
            throw TestSetupError("expected a text frame, got \(String(describing: message))")
        }
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func aViewerSeesValuesOfItsSubtreeAsTheyAreStored() async throws {
        try await Self.withPlant { client, admin, viewer in
            _ = try await withDeadline("the viewer's live stream") {
                try await client.ws("/api/v1/live", configuration: Self.bearer(viewer)) { inbound, outbound, _ in
                    var frames = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                    try await outbound.write(.text(#"{"subscribe":{"tags":["acme/#"]}}"#))
                    let subscribed = try Self.object(
                        try await frames.next())
                    #expect(subscribed["type"] as? String == "subscribed")
                    #expect(subscribed["tags"] as? [String] == ["acme/#"])
                    try await Self.write(client, admin, "acme/plant2/press-1/force", 99)
                    try await Self.write(client, admin, "acme/plant1/press-7/force", 21.5)
                    let update = try Self.object(try await frames.next())
                    #expect(update["type"] as? String == "update")
                    let samples = try #require(update["samples"] as? [[String: Any]])
                    #expect(samples.map { $0["tag"] as? String } == ["acme/plant1/press-7/force"])
                    #expect(samples.first?["value"] as? Double == 21.5)
                    #expect(samples.first?["quality"] as? String == "good")
                    #expect(update["merged"] as? Int == 0)
                    try await outbound.close(.normalClosure, reason: nil)
                }
            }
        }
    }

    @Test func textValuesArriveAsTheyWereWritten() async throws {
        // Quotes, a backslash, a line break, a control character and non-ASCII text survive the frame.
        let note = "operator said \"stop\" \\ now\nline 2 \u{01} 温度"
        try await Self.withPlant { client, admin, _ in
            _ = try await withDeadline("the admin's live stream") {
                try await client.ws("/api/v1/live", configuration: Self.bearer(admin)) { inbound, outbound, _ in
                    var frames = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                    try await outbound.write(.text(#"{"subscribe":{"tags":["acme/plant1/press-7/note"]}}"#))
                    _ = try Self.object(try await frames.next())
                    let body = try JSONSerialization.data(withJSONObject: [
                        [
                            "tag": "acme/plant1/press-7/note", "ts": Int64(Date().timeIntervalSince1970 * 1000),
                            "value": note,
                        ]
                    ])
                    let written = try await client.send(
                        .post, "/api/v1/telemetry", token: admin, json: String(decoding: body, as: UTF8.self))
                    #expect(written.status == .ok || written.status == .created, "\(written.text)")
                    let update = try Self.object(try await frames.next())
                    let samples = try #require(update["samples"] as? [[String: Any]])
                    #expect(samples.first?["value"] as? String == note)
                    try await outbound.close(.normalClosure, reason: nil)
                }
            }
        }
    }

    @Test func aBadCommandGetsAnErrorAndTheStreamStaysUsable() async throws {
        try await Self.withPlant { client, admin, _ in
            _ = try await withDeadline("the admin's live stream") {
                try await client.ws("/api/v1/live", configuration: Self.bearer(admin)) { inbound, outbound, _ in
                    var frames = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                    for bad in ["not json", #"{"unsubscribe":{}}"#, #"{"subscribe":{"tags":["acme/#/x"]}}"#] {
                        try await outbound.write(.text(bad))
                        let reply = try Self.object(try await frames.next())
                        #expect(reply["type"] as? String == "error", "\(bad)")
                        #expect((reply["detail"] as? String)?.isEmpty == false)
                    }
                    try await outbound.write(.text(#"{"subscribe":{"tags":["acme/plant2/+/force"]}}"#))
                    let subscribed = try Self.object(
                        try await frames.next())
                    #expect(subscribed["type"] as? String == "subscribed")
                    try await Self.write(client, admin, "acme/plant2/press-1/force", 7)
                    let update = try Self.object(try await frames.next())
                    let samples = try #require(update["samples"] as? [[String: Any]])
                    #expect(samples.map { $0["tag"] as? String } == ["acme/plant2/press-1/force"])
                    try await outbound.close(.normalClosure, reason: nil)
                }
            }
        }
    }

    @Test func theStreamNeedsASignedInUserAndAnUpgrade() async throws {
        try await Self.withPlant { client, admin, _ in
            let plain = try await client.send(.get, "/api/v1/live", token: admin)
            #expect(plain.status == .upgradeRequired)
            #expect(plain.headers[.contentType] == "application/problem+json")
            await #expect(throws: (any Error).self) {
                try await client.ws("/api/v1/live") { _, _, _ in }
            }
            await #expect(throws: (any Error).self) {
                try await client.ws("/api/v1/live", configuration: Self.bearer("eyJhbGciOiJub25lIn0.e30.")) { _, _, _ in
                }
            }
        }
    }
}
