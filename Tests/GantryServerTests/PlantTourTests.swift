import Foundation
import GantryServer
import GantryTesting
import HummingbirdTesting
import Testing

/// The tour a plant engineer takes with curl, against every backend: sign in, build the plant down to an
/// equipment of a type, register a device, list by prefix.
@Suite struct PlantTourTests {
    @Test(arguments: TestBackend.available)
    func engineerBuildsThePlantDownToTypedEquipment(_ backend: TestBackend) async throws {
        try await TestPlatform.withPlatform(backend: backend) { platform in
            try await platform.makeApplication().test(.router) { client in
                let token = try await client.signIn("admin", TestPlatform.adminPassword)
                for (path, name) in [
                    ("qingdao-mine", "Qingdao gold mine"), ("qingdao-mine/underground", "Underground"),
                    ("qingdao-mine/underground/haulage", "Haulage"),
                    ("qingdao-mine/underground/haulage/level-500", "Level -500 m"),
                    ("qingdao-mine/underground/haulage/level-500/shaft-2", "Shaft 2 loading"),
                ] {
                    let response = try await client.send(
                        .post, "/api/v1/assets", token: token, json: #"{"path":"\#(path)","name":"\#(name)"}"#)
                    #expect(response.status == .created, "\(path): \(response.text)")
                }
                let created = try await client.send(
                    .post, "/api/v1/assets", token: token,
                    json: #"""
                        {"path":"qingdao-mine/underground/haulage/level-500/shaft-2/loco-01","name":"Locomotive 01",
                         "type":"electric-locomotive","description":"Battery locomotive, remote operated"}
                        """#)
                #expect(created.status == .created, "\(created.text)")
                #expect(created.text.contains(#""path":"qingdao-mine/underground/haulage/level-500/shaft-2/loco-01""#))
                let asset = try created.json()
                #expect(asset["level"] as? String == "equipment")
                #expect(asset["type"] as? String == "electric-locomotive")
                let id = try #require(asset["id"] as? String)
                #expect(created.headers[.location] == "/api/v1/assets/\(id)")

                let tags = try await client.send(
                    .get, "/api/v1/tags?path=qingdao-mine/underground/haulage/level-500/shaft-2/loco-01", token: token)
                #expect(tags.status == .ok)
                let items = try #require(try tags.json()["items"] as? [[String: Any]])
                let paths = Set(items.compactMap { $0["path"] as? String })
                #expect(paths.contains("qingdao-mine/underground/haulage/level-500/shaft-2/loco-01/speed"))
                #expect(paths.contains("qingdao-mine/underground/haulage/level-500/shaft-2/loco-01/battery_soc"))
                let speed = try #require(items.first { ($0["path"] as? String)?.hasSuffix("/speed") == true })
                #expect(speed["unit"] as? String == "m/s")
                #expect(speed["dataType"] as? String == "double")

                let device = try await client.send(
                    .post, "/api/v1/devices", token: token,
                    json:
                        #"{"name":"loco-01-plc","assetPath":"qingdao-mine/underground/haulage/level-500/shaft-2/loco-01"}"#
                )
                #expect(device.status == .created, "\(device.text)")
                let credentials = try device.json()
                #expect(credentials["username"] as? String == "qingdao-mine.loco-01-plc")
                let password = try #require(credentials["password"] as? String)
                #expect(password.count >= 20)
                let deviceID = try #require(credentials["id"] as? String)
                let shown = try await client.send(.get, "/api/v1/devices/\(deviceID)", token: token)
                #expect(shown.status == .ok)
                #expect(try shown.json()["password"] == nil, "the password must be shown only once")

                let listed = try await client.send(
                    .get, "/api/v1/assets?path=qingdao-mine/underground&limit=2", token: token)
                let page = try listed.json()
                #expect(page["total"] as? Int == 5)
                #expect((page["items"] as? [Any])?.count == 2)
                #expect(page["limit"] as? Int == 2)

                let equipment = try await client.send(.get, "/api/v1/assets?level=equipment", token: token)
                #expect(try equipment.json()["total"] as? Int == 1)
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func updatesAndDeletesKeepTheModelConsistent(_ backend: TestBackend) async throws {
        try await TestPlatform.withPlatform(backend: backend) { platform in
            try await platform.makeApplication().test(.router) { client in
                let token = try await client.signIn("admin", TestPlatform.adminPassword)
                try await client.send(.post, "/api/v1/assets", token: token, json: #"{"path":"acme","name":"Acme"}"#)
                let site = try await client.send(
                    .post, "/api/v1/assets", token: token, json: #"{"path":"acme/jinan","name":"Jinan"}"#)
                let siteID = try #require(try site.json()["id"] as? String)
                let renamed = try await client.send(
                    .patch, "/api/v1/assets/\(siteID)", token: token, json: #"{"name":"Jinan works"}"#)
                #expect(try renamed.json()["name"] as? String == "Jinan works")
                #expect(try renamed.json()["path"] as? String == "acme/jinan")

                let tag = try await client.send(
                    .post, "/api/v1/tags", token: token,
                    json: #"{"path":"acme/jinan/power","dataType":"double","unit":"kW","min":0,"max":500}"#)
                #expect(tag.status == .created, "\(tag.text)")
                let tagID = try #require(try tag.json()["id"] as? String)
                let cleared = try await client.send(
                    .patch, "/api/v1/tags/\(tagID)", token: token, json: #"{"max":null,"unit":"MW"}"#)
                #expect(cleared.status == .ok, "\(cleared.text)")
                #expect(try cleared.json()["max"] == nil)
                #expect(try cleared.json()["min"] as? Double == 0)
                #expect(try cleared.json()["unit"] as? String == "MW")
                let inverted = try await client.send(
                    .patch, "/api/v1/tags/\(tagID)", token: token, json: #"{"min":900}"#)
                #expect(inverted.status == .ok)
                let refused = try await client.send(
                    .patch, "/api/v1/tags/\(tagID)", token: token, json: #"{"max":10}"#)
                #expect(refused.status == .badRequest, "\(refused.text)")

                let enterpriseID = try #require(
                    try await client.send(.get, "/api/v1/assets?path=acme&level=enterprise", token: token)
                        .json()["items"].flatMap { ($0 as? [[String: Any]])?.first?["id"] as? String })
                let blocked = try await client.send(.delete, "/api/v1/assets/\(enterpriseID)", token: token)
                #expect(blocked.status == .conflict)
                #expect(
                    try blocked.json()["detail"] as? String
                        == "asset 'acme' still has 1 child asset(s); delete them first")

                #expect(try await client.send(.delete, "/api/v1/assets/\(siteID)", token: token).status == .noContent)
                #expect(try await client.send(.get, "/api/v1/tags/\(tagID)", token: token).status == .notFound)
                #expect(
                    try await client.send(.delete, "/api/v1/assets/\(enterpriseID)", token: token).status == .noContent)
            }
        }
    }
}
