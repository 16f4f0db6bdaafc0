import Foundation
import GantryCore
import GantryServer
import GantryTesting
import HummingbirdTesting
import Testing

/// Measured values through the HTTP API: written all or nothing, read raw, in buckets, thinned, latest.
@Suite struct TelemetryAPITests {
    /// A minute boundary half an hour ago: every sample lies between it and now.
    static let base = (Timestamp.now.millisecondsSinceEpoch - 1_800_000) / 60_000 * 60_000

    static func rfc3339(_ milliseconds: Int64) -> String {
        Timestamp(millisecondsSinceEpoch: milliseconds).rfc3339
    }

    /// An asset `acme/plant/press-1` with tags of all four types; hands over the admin's token.
    static func withPress(
        telemetry: TelemetryBackend = .embedded,
        _ body: @escaping @Sendable (any TestClientProtocol, _ admin: String) async throws -> Void
    ) async throws {
        guard telemetry == .postgres else { return try await withPress(telemetryURL: nil, body) }
        try await TestBackend.postgres.withEmptyDatabase { url in try await withPress(telemetryURL: url, body) }
    }

    static func withPress(
        telemetryURL: String?,
        _ body: @escaping @Sendable (any TestClientProtocol, _ admin: String) async throws -> Void
    ) async throws {
        try await TestPlatform.withPlatform(configure: { $0.telemetryDatabaseURL = telemetryURL }) { platform in
            try await platform.makeApplication().test(.router) { client in
                let admin = try await client.signIn("admin", TestPlatform.adminPassword)
                for path in ["acme", "acme/plant", "acme/plant/press-1", "acme/other"] {
                    let response = try await client.send(
                        .post, "/api/v1/assets", token: admin, json: #"{"path":"\#(path)","name":"\#(path)"}"#)
                    #expect(response.status == .created, "\(response.text)")
                }
                for (name, type) in [
                    ("force", "double"), ("strokes", "int"), ("guard-closed", "bool"), ("state", "string"),
                ] {
                    let response = try await client.send(
                        .post, "/api/v1/tags", token: admin,
                        json: #"{"path":"acme/plant/press-1/\#(name)","dataType":"\#(type)"}"#)
                    #expect(response.status == .created, "\(response.text)")
                }
                try await body(client, admin)
            }
        }
    }

    static func series(_ response: TestResponse) throws -> [[String: Any]] {
        try (response.json()["series"] as? [[String: Any]]) ?? []
    }

    static func points(_ response: TestResponse, _ index: Int = 0) throws -> [[String: Any]] {
        let all = try series(response)
        return index < all.count ? (all[index]["points"] as? [[String: Any]] ?? []) : []
    }

    @Test(arguments: TelemetryBackend.available)
    func samplesGoInAndComeBackInEveryShape(telemetry: TelemetryBackend) async throws {
        try await Self.withPress(telemetry: telemetry) { client, admin in
            var samples: [String] = []
            for second in 0..<600 {
                let ts = Self.base + Int64(second) * 1000
                samples.append(#"{"tag":"acme/plant/press-1/force","ts":\#(ts),"value":\#(Double(second % 60) / 2)}"#)
            }
            samples.append(#"{"tag":"acme/plant/press-1/strokes","ts":"\#(Self.rfc3339(Self.base))","value":41}"#)
            samples.append(
                #"{"tag":"acme/plant/press-1/guard-closed","ts":\#(Self.base),"value":true,"quality":"uncertain(2)"}"#)
            samples.append(#"{"tag":"acme/plant/press-1/state","ts":\#(Self.base),"value":"running","quality":"bad"}"#)
            let posted = try await client.send(
                .post, "/api/v1/telemetry", token: admin, json: "[" + samples.joined(separator: ",") + "]")
            #expect(posted.status == .ok, "\(posted.text)")
            #expect(try posted.json()["accepted"] as? Int == 603)

            let range = "from=\(Self.base)&to=\(Self.base + 600_000)"
            let raw = try await client.send(
                .get, "/api/v1/telemetry?tag=acme/plant/press-1/force&tag=acme/plant/press-1/state&\(range)",
                token: admin)
            #expect(raw.status == .ok, "\(raw.text)")
            let force = try Self.points(raw, 0)
            #expect(force.count == 600)
            #expect(force.first?["ts"] as? String == Self.rfc3339(Self.base))
            #expect(force[7]["value"] as? Double == 3.5)
            #expect(force[7]["quality"] == nil)
            let state = try Self.points(raw, 1)
            #expect(state.first?["value"] as? String == "running")
            #expect(state.first?["quality"] as? String == "bad")

            let buckets = try await client.send(
                .get, "/api/v1/telemetry?tag=acme/plant/press-1/force&\(range)&bucket=1m&agg=max", token: admin)
            let maxima = try Self.points(buckets)
            #expect(maxima.count == 10)
            #expect(maxima.allSatisfy { $0["value"] as? Double == 29.5 })
            #expect(maxima[1]["ts"] as? String == Self.rfc3339(Self.base + 60_000))

            let thinned = try await client.send(
                .get, "/api/v1/telemetry?tag=acme/plant/press-1/force&\(range)&maxPoints=40", token: admin)
            let few = try Self.points(thinned)
            #expect(few.count <= 40 && few.count >= 20)
            #expect(few.contains { $0["value"] as? Double == 29.5 } && few.contains { $0["value"] as? Double == 0 })

            let latest = try await client.send(
                .get,
                "/api/v1/telemetry/latest?tag=acme/plant/press-1/force&tag=acme/plant/press-1/guard-closed&tag=acme/plant/press-1/strokes",
                token: admin)
            #expect(latest.status == .ok, "\(latest.text)")
            #expect(try Self.points(latest, 0).first?["value"] as? Double == 29.5)
            #expect(try Self.points(latest, 1).first?["value"] as? Bool == true)
            #expect(try Self.points(latest, 1).first?["quality"] as? String == "uncertain(2)")
            #expect(try Self.points(latest, 2).first?["value"] as? Int == 41)
        }
    }

    @Test func pagesCarryACursorUntilEveryPointIsRead() async throws {
        try await Self.withPress { client, admin in
            let samples = (0..<250).map { second in
                #"{"tag":"acme/plant/press-1/strokes","ts":\#(Self.base + Int64(second) * 1000),"value":\#(second)}"#
            }
            let posted = try await client.send(
                .post, "/api/v1/telemetry", token: admin, json: "[" + samples.joined(separator: ",") + "]")
            #expect(posted.status == .ok, "\(posted.text)")
            var values: [Int] = []
            var cursor: String?
            var pages = 0
            repeat {
                let uri =
                    "/api/v1/telemetry?tag=acme/plant/press-1/strokes&from=\(Self.base)&to=\(Self.base + 300_000)&limit=100"
                    + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await client.send(.get, uri, token: admin)
                #expect(page.status == .ok, "\(page.text)")
                values += try Self.points(page).compactMap { $0["value"] as? Int }
                cursor = try page.json()["next"] as? String
                pages += 1
            } while cursor != nil && pages < 10
            #expect(values == Array(0..<250))
            #expect(pages == 3)
        }
    }

    @Test(arguments: TelemetryBackend.available)
    func aRefusedBatchStoresNothingAndSaysWhy(telemetry: TelemetryBackend) async throws {
        try await Self.withPress(telemetry: telemetry) { client, admin in
            let good = #"{"tag":"acme/plant/press-1/force","ts":\#(Self.base),"value":1.5}"#
            let cases: [(body: String, status: Int, mentions: String)] = [
                ("[\(good),{\"tag\":\"acme/plant/press-1/nope\",\"ts\":\(Self.base),\"value\":1}]", 422, "nope"),
                (
                    "[\(good),{\"tag\":\"acme/plant/press-1/strokes\",\"ts\":\(Self.base),\"value\":\"many\"}]", 422,
                    "[1].value"
                ),
                (
                    "[\(good),{\"tag\":\"acme/plant/press-1/force\",\"ts\":\(Self.base + 86_400_000),\"value\":1}]",
                    422, "ahead of the server clock"
                ),
                ("[\(good),{\"tag\":\"acme/plant/press-1/force\",\"ts\":\"yesterday\",\"value\":1}]", 400, "ts"),
                ("[\(good),{\"tag\":\"acme/plant/press-1/force\",\"ts\":\(Self.base),\"value\":null}]", 400, "value"),
                (
                    "[\(good),{\"tag\":\"acme/plant/press-1/force\",\"ts\":\(Self.base),\"value\":1,\"unit\":\"kN\"}]",
                    400, "unit"
                ),
                (
                    "[\(good),{\"tag\":\"acme/plant/press-1/force\",\"ts\":\(Self.base),\"value\":1,\"quality\":\"shaky\"}]",
                    400, "quality"
                ),
                ("[]", 400, "no samples"),
                ("{\"tag\":\"x\"}", 400, "JSON array"),
            ]
            for (body, status, mentions) in cases {
                let response = try await client.send(.post, "/api/v1/telemetry", token: admin, json: body)
                #expect(response.status.code == status, "\(body) → \(response.text)")
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(response.text.contains(mentions), "\(response.text)")
            }
            let read = try await client.send(
                .get, "/api/v1/telemetry/latest?tag=acme/plant/press-1/force", token: admin)
            #expect(try Self.points(read).isEmpty, "a refused batch left \(read.text)")
        }
    }

    @Test func badQueriesAreRefusedWithTheParameterNamed() async throws {
        try await Self.withPress { client, admin in
            let tag = "tag=acme/plant/press-1/force"
            let cases: [(query: String, status: Int, mentions: String)] = [
                ("", 400, "tag"),
                ("\(tag)&bucket=7x", 400, "bucket"),
                ("\(tag)&bucket=1m&maxPoints=100", 400, "not both"),
                ("\(tag)&from=\(Self.base)&to=\(Self.base - 1)", 400, "from"),
                ("\(tag)&cursor=abc", 400, "cursor"),
                ("\(tag)&agg=avg", 400, "agg"),
                ("\(tag)&bucket=1s&from=0&to=\(Self.base)", 400, "buckets"),
                ("\(tag)&maxPoints=2", 400, "maxPoints"),
                ("\(tag)&from=noon", 400, "from"),
                ("tag=acme/plant/press-1/missing", 404, "missing"),
                ("\(tag)&bucket=1m&agg=median", 400, "agg"),
            ]
            for (query, status, mentions) in cases {
                let response = try await client.send(.get, "/api/v1/telemetry?\(query)", token: admin)
                #expect(response.status.code == status, "\(query) → \(response.text)")
                #expect(response.text.contains(mentions), "\(query) → \(response.text)")
            }
        }
    }

    @Test func rolesApplyPerAssetSubtree() async throws {
        try await Self.withPress { client, admin in
            let tag = #"{"path":"acme/other/temperature","dataType":"double"}"#
            #expect(try await client.send(.post, "/api/v1/tags", token: admin, json: tag).status == .created)
            let user = #"""
                {"username":"li.si","password":"lamp-oil-rope-bombs",
                 "grants":[{"role":"operator","path":"acme/plant"},{"role":"viewer","path":"acme/other"}]}
                """#
            #expect(try await client.send(.post, "/api/v1/users", token: admin, json: user).status == .created)
            let token = try await client.signIn("li.si", "lamp-oil-rope-bombs")
            let inside = #"[{"tag":"acme/plant/press-1/force","ts":\#(Self.base),"value":2}]"#
            #expect(try await client.send(.post, "/api/v1/telemetry", token: token, json: inside).status == .ok)
            let outside = #"[{"tag":"acme/other/temperature","ts":\#(Self.base),"value":2}]"#
            #expect(try await client.send(.post, "/api/v1/telemetry", token: token, json: outside).status == .forbidden)
            let read = try await client.send(
                .get, "/api/v1/telemetry/latest?tag=acme/other/temperature", token: token)
            #expect(read.status == .ok)
            #expect(try await client.send(.post, "/api/v1/telemetry", json: inside).status == .unauthorized)
        }
    }
}
