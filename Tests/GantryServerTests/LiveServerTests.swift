import Foundation
import GantryServer
import GantryTesting
import HummingbirdTesting
import Testing

/// The platform on a real socket (port 0 on loopback), driven by a real HTTP client.
@Suite struct LiveServerTests {
    @Test func servesTheAPIOverARealSocket() async throws {
        try await TestPlatform.withPlatform(configure: { $0.maxBodyBytes = 4096 }) { platform in
            try await platform.makeApplication().test(.live) { client in
                #expect(try await client.send(.get, "/health").status == .ok)
                let token = try await client.signIn("admin", TestPlatform.adminPassword)
                let created = try await client.send(
                    .post, "/api/v1/assets", token: token, json: #"{"path":"acme","name":"Acme"}"#)
                #expect(created.status == .created)
                // A body announced larger than the limit is refused from its Content-Length, unread.
                let huge = String(repeating: "x", count: 5000)
                let body = #"{"path":"acme2","name":"\#(huge)"}"#
                let tooLarge = try await client.send(.post, "/api/v1/assets", token: token, json: body)
                #expect(tooLarge.status == .contentTooLarge)
                let detail = try tooLarge.json()["detail"] as? String
                #expect(detail == "the request body has \(body.utf8.count) bytes; this server accepts at most 4096")
                let document = try await client.send(.get, "/api/v1/openapi.json", token: token)
                #expect(document.status == .ok)
                #expect((try document.json()["openapi"] as? String)?.hasPrefix("3.1") == true)
            }
        }
    }
}
