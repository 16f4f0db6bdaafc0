import Foundation
import GantryServer
import GantryTesting
import HummingbirdTesting
import Testing

/// Bad input gets a precise 4xx problem document, and leaves nothing half-written.
@Suite struct BadInputTests {
    static func withAdmin(
        configure: @escaping (inout ServerConfiguration) -> Void = { _ in },
        _ body: @escaping @Sendable (any TestClientProtocol, String) async throws -> Void
    ) async throws {
        try await TestPlatform.withPlatform(configure: configure) { platform in
            try await platform.makeApplication().test(.router) { client in
                let token = try await client.signIn("admin", TestPlatform.adminPassword)
                try await body(client, token)
            }
        }
    }

    @Test(arguments: [
        (#"{"path":"acme","name":"Acme","colour":"red"}"#, "unknown field 'colour'; check its spelling"),
        (#"{"path":"acme","name":42}"#, "field 'name' must be a string"),
        (#"{"name":"Acme"}"#, "field 'path' is required"),
        (#"{"path":"acme","name":null}"#, "field 'name' must not be null; expected a string"),
        (#"{"path":"acme","name":"Acme""#, "the body is not valid JSON"),
        (#"["acme"]"#, "the body must be a JSON object"),
        (
            #"{"path":"Acme Corp","name":"Acme"}"#,
            "segment 'Acme Corp' in 'Acme Corp' may only hold lower-case letters, digits, '_' and '-'"
        ),
    ])
    func malformedAssetBodiesNameTheirField(_ body: String, _ detail: String) async throws {
        try await Self.withAdmin { client, token in
            let response = try await client.send(.post, "/api/v1/assets", token: token, json: body)
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/problem+json")
            let problem = try response.json()
            #expect(problem["detail"] as? String == detail)
            #expect(problem["status"] as? Int == 400)
            #expect(problem["instance"] as? String == "/api/v1/assets")
            let listed = try await client.send(.get, "/api/v1/assets", token: token)
            #expect(try listed.json()["total"] as? Int == 0, "a refused request left an asset behind")
        }
    }

    @Test func nestedUnknownFieldsAndBadRolesAreNamed() async throws {
        try await Self.withAdmin { client, token in
            let unknown = try await client.send(
                .post, "/api/v1/users", token: token,
                json:
                    #"{"username":"u","password":"password-u","grants":[{"role":"viewer","path":"*","until":"never"}]}"#
            )
            #expect(try unknown.json()["detail"] as? String == "unknown field 'grants[0].until'; check its spelling")
            let badRole = try await client.send(
                .post, "/api/v1/users", token: token,
                json: #"{"username":"u","password":"password-u","grants":[{"role":"boss","path":"*"}]}"#)
            #expect(badRole.status == .badRequest)
            #expect(
                try badRole.json()["detail"] as? String
                    == "role 'boss' is unknown; use one of viewer, operator, engineer, admin")
            let wrongType = try await client.send(
                .post, "/api/v1/tags", token: token, json: #"{"path":"a/b","dataType":"double","min":"zero"}"#)
            #expect(try wrongType.json()["detail"] as? String == "field 'min' must be a number")
            let users = try await client.send(.get, "/api/v1/users", token: token)
            #expect(try users.json()["total"] as? Int == 1)
        }
    }

    @Test func oversizedBodiesAreRefusedWith413() async throws {
        try await Self.withAdmin(configure: { $0.maxBodyBytes = 4096 }) { client, token in
            let description = String(repeating: "x", count: 5000)
            let body = #"{"path":"acme","name":"A","description":"\#(description)"}"#
            let response = try await client.send(.post, "/api/v1/assets", token: token, json: body)
            #expect(response.status == .contentTooLarge)
            #expect(response.headers[.contentType] == "application/problem+json")
            let detail = try response.json()["detail"] as? String
            #expect(detail == "the request body has \(body.utf8.count) bytes; this server accepts at most 4096")
            let listed = try await client.send(.get, "/api/v1/assets", token: token)
            #expect(try listed.json()["total"] as? Int == 0)
        }
    }

    @Test func wrongMediaTypesAndParametersAreRefused() async throws {
        try await Self.withAdmin { client, token in
            let form = try await client.send(
                .post, "/api/v1/assets", token: token, json: "path=acme",
                headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(form.status == .unsupportedMediaType)
            let limit = try await client.send(.get, "/api/v1/assets?limit=5000", token: token)
            #expect(limit.status == .badRequest)
            #expect(
                try limit.json()["detail"] as? String == "query parameter 'limit' must be an integer from 1 to 1000")
            let level = try await client.send(.get, "/api/v1/assets?level=plant", token: token)
            #expect(
                try level.json()["detail"] as? String
                    == "query parameter 'level' must be one of enterprise, site, area, line, cell, equipment, component"
            )
            let id = try await client.send(.get, "/api/v1/assets/not-a-uuid", token: token)
            #expect(id.status == .badRequest)
            let missing = try await client.send(.get, "/api/v1/assets/\(UUID())", token: token)
            #expect(missing.status == .notFound)
            let wrongMethod = try await client.send(.put, "/api/v1/assets/\(UUID())", token: token)
            #expect(wrongMethod.status == .methodNotAllowed)
            #expect(wrongMethod.headers[.allow] == "GET, PATCH, DELETE, HEAD")
            let head = try await client.send(.head, "/api/v1/assets", token: token)
            #expect(head.status == .ok)
            let route = try await client.send(.get, "/api/v1/nothing-here", token: token)
            #expect(route.status == .notFound)
            #expect(route.headers[.contentType] == "application/problem+json")
        }
    }

    @Test func conflictsAndMissingParentsAreTold() async throws {
        try await Self.withAdmin { client, token in
            let orphan = try await client.send(
                .post, "/api/v1/assets", token: token, json: #"{"path":"acme/jinan","name":"Jinan"}"#)
            #expect(orphan.status == .unprocessableContent)
            #expect(try orphan.json()["detail"] as? String == "parent asset 'acme' does not exist; create it first")
            #expect(
                try await client.send(.post, "/api/v1/assets", token: token, json: #"{"path":"acme","name":"A"}"#)
                    .status == .created)
            let twice = try await client.send(
                .post, "/api/v1/assets", token: token, json: #"{"path":"acme","name":"A"}"#)
            #expect(twice.status == .conflict)
            #expect(try twice.json()["detail"] as? String == "asset 'acme' already exists")
            let unknownType = try await client.send(
                .post, "/api/v1/assets", token: token, json: #"{"path":"acme/site","name":"S","type":"warp-drive"}"#)
            #expect(unknownType.status == .unprocessableContent)
            let typedSite = try await client.send(
                .post, "/api/v1/assets", token: token, json: #"{"path":"acme/site","name":"S","type":"agv"}"#)
            #expect(typedSite.status == .badRequest)
            let listed = try await client.send(.get, "/api/v1/assets", token: token)
            #expect(try listed.json()["total"] as? Int == 1)
        }
    }
}
