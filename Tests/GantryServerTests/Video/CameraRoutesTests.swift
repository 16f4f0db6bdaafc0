import Foundation
import GantryServer
import GantryTesting
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// `/api/v1/cameras` through the router: frames in over HTTP, refusals, access, the list and the latest frame.
@Suite struct CameraRoutesTests {
    static let loco = "acme/mine/loco-01"
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x02, 0x11, 0x22, 0xFF, 0xD9]

    /// Tokens of the plant every camera test uses.
    struct Tokens: Sendable {
        let admin: String
        /// Operator on `acme`.
        let operatorToken: String
        /// Viewer on `acme`.
        let viewer: String
        /// Viewer on `other` only.
        let stranger: String
    }

    /// A plant `acme/mine/loco-01` plus `other`, and a user of each kind.
    static func setUp(_ client: some TestClientProtocol) async throws -> Tokens {
        let admin = try await client.signIn("admin", TestPlatform.adminPassword)
        for path in ["acme", "acme/mine", loco, "other"] {
            let created = try await client.send(
                .post, "/api/v1/assets", token: admin, json: #"{"path":"\#(path)","name":"\#(path)"}"#)
            #expect(created.status == .created)
        }
        var tokens: [String] = []
        for (name, role, path) in [
            ("op", "operator", "acme"), ("watcher", "viewer", "acme"), ("stranger", "viewer", "other"),
        ] {
            let created = try await client.send(
                .post, "/api/v1/users", token: admin,
                json:
                    #"{"username":"\#(name)","password":"password-\#(name)","grants":[{"role":"\#(role)","path":"\#(path)"}]}"#
            )
            #expect(created.status == .created, "\(created.text)")
            tokens.append(try await client.signIn(name, "password-\(name)"))
        }
        return Tokens(admin: admin, operatorToken: tokens[0], viewer: tokens[1], stranger: tokens[2])
    }

    static func push(
        _ client: some TestClientProtocol, _ bytes: [UInt8], token: String, camera: String = "cab",
        equipment: String = loco, headers extra: HTTPFields = [.contentType: "image/jpeg"]
    ) async throws -> TestResponse {
        var headers = extra
        headers[.authorization] = "Bearer \(token)"
        return try await client.execute(
            uri: "/api/v1/cameras/frames?equipment=\(equipment)&camera=\(camera)", method: .post, headers: headers,
            body: ByteBuffer(bytes: bytes))
    }

    @Test func aFramePostedIsTheLatestFrameAndListed() async throws {
        try await TestPlatform.withPlatform { platform in
            try await platform.makeApplication().test(.router) { client in
                let tokens = try await Self.setUp(client)
                let capture = HTTPField.Name("Gantry-Capture-Time")!
                let accepted = try await Self.push(
                    client, Self.jpeg, token: tokens.operatorToken,
                    headers: [.contentType: "image/jpeg", capture: "2026-01-01T00:00:00Z"])
                #expect(accepted.status == .ok, "\(accepted.text)")
                #expect(try accepted.json()["sequence"] as? Int == 1)
                #expect(try accepted.json()["capturedAt"] as? Int == 1_767_225_600_000)

                let frame = try await client.send(
                    .get, "/api/v1/cameras/frame.jpg?equipment=\(Self.loco)&camera=cab", token: tokens.viewer)
                #expect(frame.status == .ok)
                #expect(frame.headers[.contentType] == "image/jpeg")
                #expect(Array(buffer: frame.body) == Self.jpeg)
                #expect(frame.headers[HTTPField.Name("Gantry-Frame-Sequence")!] == "1")

                let list = try await client.send(.get, "/api/v1/cameras", token: tokens.viewer).json()
                let items = try #require(list["items"] as? [[String: Any]])
                #expect(items.count == 1)
                #expect(items.first?["equipment"] as? String == Self.loco)
                #expect(items.first?["camera"] as? String == "cab")
                #expect(items.first?["viewers"] as? Int == 0)
                #expect((items.first?["lastFrameAgeMs"] as? Int ?? -1) > 0, "captured in January 2026")
                #expect(list["total"] as? Int == 1)
            }
        }
    }

    @Test func badFramesAreRefusedPrecisely() async throws {
        try await TestPlatform.withPlatform { platform in
            try await platform.makeApplication().test(.router) { client in
                let token = try await Self.setUp(client).operatorToken
                let cases: [(response: TestResponse, status: HTTPResponse.Status, type: String)] = [
                    (
                        try await Self.push(client, [0x89, 0x50, 0x4E, 0x47, 0xFF, 0xD9], token: token),
                        .unsupportedMediaType, "not-jpeg"
                    ),
                    (
                        try await Self.push(client, [0xFF, 0xD8, 0x00, 0x01], token: token), .unsupportedMediaType,
                        "not-jpeg"
                    ),
                    (try await Self.push(client, [], token: token), .unsupportedMediaType, "not-jpeg"),
                    (
                        try await Self.push(client, Self.jpeg, token: token, headers: [.contentType: "text/plain"]),
                        .unsupportedMediaType, "unsupported-media-type"
                    ),
                    (
                        try await Self.push(
                            client, [0xFF, 0xD8] + [UInt8](repeating: 7, count: 2 << 20) + [0xFF, 0xD9], token: token),
                        .contentTooLarge, "too-large"
                    ),
                    (try await Self.push(client, Self.jpeg, token: token, camera: "Cab"), .badRequest, "bad-request"),
                    (
                        try await Self.push(client, Self.jpeg, token: token, equipment: "acme/mine/loco-99"), .notFound,
                        "not-found"
                    ),
                    (
                        try await Self.push(client, Self.jpeg, token: token, equipment: "acme//x"), .badRequest,
                        "bad-request"
                    ),
                    (
                        try await Self.push(
                            client, Self.jpeg, token: token,
                            headers: [.contentType: "image/jpeg", HTTPField.Name("Gantry-Capture-Time")!: "yesterday"]),
                        .badRequest, "bad-request"
                    ),
                ]
                for (index, refusal) in cases.enumerated() {
                    #expect(refusal.response.status == refusal.status, "case \(index): \(refusal.response.text)")
                    #expect(refusal.response.headers[.contentType] == "application/problem+json", "case \(index)")
                    #expect(
                        try refusal.response.json()["type"] as? String == "/problems/\(refusal.type)", "case \(index)")
                }
                let missing = try await client.send(
                    .post, "/api/v1/cameras/frames?equipment=\(Self.loco)", token: token)
                #expect(missing.status == .badRequest)
                #expect(platform.cameras.cameras().isEmpty, "nothing refused reached the relay")
            }
        }
    }

    @Test func accessIsDecidedOnTheEquipment() async throws {
        try await TestPlatform.withPlatform { platform in
            try await platform.makeApplication().test(.router) { client in
                let tokens = try await Self.setUp(client)
                #expect(try await Self.push(client, Self.jpeg, token: tokens.viewer).status == .forbidden)
                #expect(try await Self.push(client, Self.jpeg, token: tokens.stranger).status == .forbidden)
                #expect(try await Self.push(client, Self.jpeg, token: tokens.operatorToken).status == .ok)
                let query = "equipment=\(Self.loco)&camera=cab"
                for path in ["frame.jpg", "mjpeg"] {
                    let refused = try await client.send(
                        .get, "/api/v1/cameras/\(path)?\(query)", token: tokens.stranger)
                    #expect(refused.status == .forbidden, "\(path)")
                    #expect(try await client.send(.get, "/api/v1/cameras/\(path)?\(query)").status == .unauthorized)
                    let none = try await client.send(
                        .get, "/api/v1/cameras/\(path)?equipment=\(Self.loco)&camera=rear", token: tokens.viewer)
                    #expect(none.status == .notFound, "\(path): a camera that has sent nothing")
                }
                let strangers = try await client.send(.get, "/api/v1/cameras", token: tokens.stranger).json()
                #expect((strangers["items"] as? [Any])?.isEmpty == true)
                #expect(
                    try await client.send(.get, "/api/v1/cameras?path=acme", token: tokens.stranger).status
                        == .forbidden)
                let mine = try await client.send(.get, "/api/v1/cameras?path=acme/mine", token: tokens.viewer).json()
                #expect(mine["total"] as? Int == 1)
            }
        }
    }
}
