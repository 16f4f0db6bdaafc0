import Foundation
import GantryServer
import GantryTesting
import HummingbirdTesting
import Testing

/// Who may see and do what: 401 without a token, 403 outside one's subtree or above one's role.
@Suite struct AccessControlTests {
    /// A plant with two tenants and an operator of `qingdao-mine/underground`.
    static func withTwoTenants(
        _ body: @escaping @Sendable (any TestClientProtocol, _ admin: String, _ operator: String) async throws -> Void
    )
        async throws
    {
        try await TestPlatform.withPlatform { platform in
            try await platform.makeApplication().test(.router) { client in
                let admin = try await client.signIn("admin", TestPlatform.adminPassword)
                for path in [
                    "qingdao-mine", "qingdao-mine/underground", "qingdao-mine/underground/haulage", "jinan-workshop",
                ] {
                    let response = try await client.send(
                        .post, "/api/v1/assets", token: admin, json: #"{"path":"\#(path)","name":"\#(path)"}"#)
                    #expect(response.status == .created)
                }
                let created = try await client.send(
                    .post, "/api/v1/users", token: admin,
                    json: #"""
                        {"username":"zhang.san","password":"lamp-oil-rope-bombs",
                         "grants":[{"role":"operator","path":"qingdao-mine/underground"}]}
                        """#)
                #expect(created.status == .created, "\(created.text)")
                let operatorToken = try await client.signIn("zhang.san", "lamp-oil-rope-bombs")
                try await body(client, admin, operatorToken)
            }
        }
    }

    @Test func everyRouteButHealthAndLoginNeedsAToken() async throws {
        try await TestPlatform.withPlatform { platform in
            try await platform.makeApplication().test(.router) { client in
                #expect(try await client.send(.get, "/health").status == .ok)
                for path in [
                    "/ready", "/metrics", "/api/v1/openapi.json", "/api/v1/assets", "/api/v1/tags", "/api/v1/devices",
                    "/api/v1/users", "/api/v1/me", "/api/v1/equipment-types",
                ] {
                    let response = try await client.send(.get, path)
                    #expect(response.status == .unauthorized, "\(path)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                    #expect(response.headers[.wwwAuthenticate] == "Bearer realm=\"gantry\"")
                }
                let forged = try await client.send(.get, "/api/v1/assets", token: "eyJhbGciOiJub25lIn0.e30.")
                #expect(forged.status == .unauthorized)
                let admin = try await client.signIn("admin", TestPlatform.adminPassword)
                #expect(try await client.send(.get, "/ready", token: admin).status == .ok)
                let metrics = try await client.send(.get, "/metrics", token: admin)
                #expect(metrics.status == .ok)
                #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)
            }
        }
    }

    @Test func anOperatorStaysInsideTheirSubtree() async throws {
        try await Self.withTwoTenants { client, _, operatorToken in
            let inside = try await client.send(
                .get, "/api/v1/assets?path=qingdao-mine/underground", token: operatorToken)
            #expect(inside.status == .ok)
            #expect(try inside.json()["total"] as? Int == 2)

            let everything = try await client.send(.get, "/api/v1/assets", token: operatorToken)
            let paths = (try everything.json()["items"] as? [[String: Any]])?.compactMap { $0["path"] as? String }
            #expect(paths == ["qingdao-mine/underground", "qingdao-mine/underground/haulage"])

            let otherTenant = try await client.send(.get, "/api/v1/assets?path=jinan-workshop", token: operatorToken)
            #expect(otherTenant.status == .forbidden)
            #expect(try otherTenant.json()["detail"] as? String == "this needs the viewer role on 'jinan-workshop'")

            let write = try await client.send(
                .post, "/api/v1/assets", token: operatorToken, json: #"{"path":"jinan-workshop/line-1","name":"L1"}"#)
            #expect(write.status == .forbidden)
            let ownButNotEngineer = try await client.send(
                .post, "/api/v1/assets", token: operatorToken,
                json: #"{"path":"qingdao-mine/underground/haulage/loco-02","name":"Loco 2"}"#)
            #expect(ownButNotEngineer.status == .forbidden)
            #expect(
                try ownButNotEngineer.json()["detail"] as? String
                    == "this needs the engineer role on 'qingdao-mine/underground/haulage/loco-02'")

            let users = try await client.send(.get, "/api/v1/users", token: operatorToken)
            #expect(users.status == .forbidden)
            let me = try await client.send(.get, "/api/v1/me", token: operatorToken)
            #expect(try me.json()["username"] as? String == "zhang.san")
        }
    }

    @Test func singleRecordsOutsideTheSubtreeAreForbidden() async throws {
        try await Self.withTwoTenants { client, admin, operatorToken in
            let workshop = try await client.send(.get, "/api/v1/assets?path=jinan-workshop", token: admin)
            let id = try #require((try workshop.json()["items"] as? [[String: Any]])?.first?["id"] as? String)
            #expect(try await client.send(.get, "/api/v1/assets/\(id)", token: operatorToken).status == .forbidden)
            #expect(try await client.send(.delete, "/api/v1/assets/\(id)", token: operatorToken).status == .forbidden)
            #expect(try await client.send(.get, "/api/v1/assets/\(id)", token: admin).status == .ok)
        }
    }

    @Test func subtreeAdminsCannotGrantBeyondTheirSubtree() async throws {
        try await Self.withTwoTenants { client, admin, _ in
            let created = try await client.send(
                .post, "/api/v1/users", token: admin,
                json:
                    #"{"username":"mine.admin","password":"mine-admin-pass","grants":[{"role":"admin","path":"qingdao-mine"}]}"#
            )
            #expect(created.status == .created)
            let mineAdmin = try await client.signIn("mine.admin", "mine-admin-pass")
            let outside = try await client.send(
                .post, "/api/v1/users", token: mineAdmin,
                json: #"{"username":"x","password":"password-x","grants":[{"role":"viewer","path":"jinan-workshop"}]}"#)
            #expect(outside.status == .forbidden)
            let platformWide = try await client.send(
                .post, "/api/v1/users", token: mineAdmin,
                json: #"{"username":"y","password":"password-y","grants":[{"role":"viewer","path":"*"}]}"#)
            #expect(platformWide.status == .forbidden)
            let inside = try await client.send(
                .post, "/api/v1/users", token: mineAdmin,
                json:
                    #"{"username":"z","password":"password-z","grants":[{"role":"engineer","path":"qingdao-mine/underground"}]}"#
            )
            #expect(inside.status == .created)
            let listed = try await client.send(.get, "/api/v1/users", token: mineAdmin)
            let names = (try listed.json()["items"] as? [[String: Any]])?.compactMap { $0["username"] as? String }
            #expect(names == ["mine.admin", "z", "zhang.san"])
            let enterprise = try await client.send(
                .post, "/api/v1/assets", token: mineAdmin, json: #"{"path":"new-tenant","name":"New"}"#)
            #expect(enterprise.status == .forbidden)
        }
    }

    @Test func theLastPlatformAdminCannotBeRemoved() async throws {
        try await TestPlatform.withPlatform { platform in
            try await platform.makeApplication().test(.router) { client in
                let admin = try await client.signIn("admin", TestPlatform.adminPassword)
                let me = try await client.send(.get, "/api/v1/me", token: admin)
                let id = try #require(try me.json()["id"] as? String)
                let demote = try await client.send(
                    .patch, "/api/v1/users/\(id)", token: admin, json: #"{"grants":[{"role":"viewer","path":"*"}]}"#)
                #expect(demote.status == .conflict)
                #expect(try await client.send(.delete, "/api/v1/users/\(id)", token: admin).status == .conflict)
                #expect(try await client.send(.get, "/api/v1/me", token: admin).status == .ok)
            }
        }
    }
}
