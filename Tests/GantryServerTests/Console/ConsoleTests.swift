import Foundation
import GantryServer
import GantryTesting
import HTTPTypes
import HummingbirdTesting
import Testing

/// The console's server side through the HTTP application: sign-in with the session cookie, pages that
/// escape what users typed, status colours from alarms and devices, and the charting library found or
/// reported missing. The browser test in `.ci/run` drives the same pages in Chromium.
@Suite struct ConsoleTests {
    static func signIn(_ client: any TestClientProtocol, _ user: String, _ password: String) async throws -> String {
        let response = try await client.execute(
            uri: "/console/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: .init(string: "username=\(user)&password=\(password)&next=%2Fconsole%2Falarms"))
        try #require(response.status == .seeOther, "\(response.text)")
        #expect(response.headers[.location] == "/console/alarms")
        let cookie = try #require(response.headers[.setCookie])
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        return try #require(cookie.split(separator: ";").first.map(String.init))
    }

    static func page(_ client: any TestClientProtocol, _ path: String, cookie: String) async throws -> TestResponse {
        try await client.execute(uri: path, method: .get, headers: [.cookie: cookie])
    }

    @Test func signingInSetsTheSessionAndPagesNeedIt() async throws {
        try await TestPlatform.withPlatform { platform in
            try await platform.makeApplication().test(.router) { client in
                let anonymous = try await client.execute(uri: "/console/alarms?x=1", method: .get)
                #expect(anonymous.status == .seeOther)
                #expect(anonymous.headers[.location] == "/console/login?next=/console/alarms%3Fx%3D1")
                let form = try await client.execute(uri: "/console/login", method: .get)
                #expect(form.status == .ok)
                #expect(form.text.contains(#"<input id="password" name="password" type="password""#))

                let wrong = try await client.execute(
                    uri: "/console/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: .init(string: "username=admin&password=nope"))
                #expect(wrong.status == .unauthorized)
                #expect(wrong.text.contains("The user name or the password is wrong."))
                #expect(wrong.headers[.setCookie] == nil)

                // Only console pages are places to come back to.
                let elsewhere = try await client.execute(
                    uri: "/console/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: .init(
                        string:
                            "username=admin&password=\(TestPlatform.adminPassword)&next=https%3A%2F%2Fevil.example%2F"))
                #expect(elsewhere.headers[.location] == "/console/")

                let cookie = try await Self.signIn(client, "admin", TestPlatform.adminPassword)
                for path in ["/console/", "/console/alarms", "/console/devices", "/console/rules"] {
                    let page = try await Self.page(client, path, cookie: cookie)
                    #expect(page.status == .ok, "\(path)")
                    #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
                    #expect(page.text.contains(#"<nav aria-label="Sections"><ul><li><a href="/console/""#), "\(path)")
                }
                // The API takes the cookie, but not from another site's page.
                let crossSite = try await client.execute(
                    uri: "/api/v1/alarm-rules", method: .post,
                    headers: [.cookie: cookie, .origin: "https://evil.example", .contentType: "application/json"],
                    body: .init(string: "{}"))
                #expect(crossSite.status == .unauthorized)
                let signedOut = try await client.execute(
                    uri: "/console/logout", method: .post, headers: [.cookie: cookie])
                #expect(signedOut.headers[.setCookie]?.contains("Max-Age=0") == true)
            }
        }
    }

    @Test func theOverviewColoursEquipmentByAlarmAndEscapesNames() async throws {
        try await AlarmFixture.with { fixture in
            let client = fixture.client
            let renamed = try await client.send(
                .get, "/api/v1/assets?path=acme/plant1/fan-1", token: fixture.admin)
            let id = try #require((try renamed.json()["items"] as? [[String: Any]])?.first?["id"] as? String)
            let patched = try await client.send(
                .patch, "/api/v1/assets/\(id)", token: fixture.admin, json: #"{"name":"Fan <script>alert(1)</script>"}"#
            )
            #expect(patched.status == .ok, "\(patched.text)")
            // Make fan-1 an equipment-level tile: its level follows from its depth (3 is area), so add one.
            for path in [
                "acme/plant1/hall", "acme/plant1/hall/line-1", "acme/plant1/hall/line-1/cell-1",
                "acme/plant1/hall/line-1/cell-1/fan-2",
            ] {
                let created = try await client.send(
                    .post, "/api/v1/assets", token: fixture.admin, json: #"{"path":"\#(path)","name":"Fan two"}"#)
                #expect(created.status == .created, "\(created.text)")
            }
            let tag = try await client.send(
                .post, "/api/v1/tags", token: fixture.admin,
                json: #"{"path":"acme/plant1/hall/line-1/cell-1/fan-2/vibration","dataType":"double"}"#)
            #expect(tag.status == .created)
            let rule = AlarmFixture.vibrationRule.replacingOccurrences(
                of: "acme/plant1/fan-1", with: "acme/plant1/hall/line-1/cell-1/fan-2")
            #expect(
                try await client.send(.post, "/api/v1/alarm-rules", token: fixture.admin, json: rule).status == .created
            )
            try await fixture.write("acme/plant1/hall/line-1/cell-1/fan-2/vibration", "9.5")
            try await fixture.waitFor("fan-vibration.h", "active_unacknowledged")

            let cookie = try await Self.signIn(client, "wang.fang", "day-shift-2026")
            let overview = try await Self.page(client, "/console/", cookie: cookie)
            #expect(overview.text.contains("Fan &lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!overview.text.contains("<script>alert(1)"))
            #expect(
                overview.text.contains(#"class="tile status-p2" data-asset="acme/plant1/hall/line-1/cell-1/fan-2""#))
            #expect(overview.text.contains("Alarm P2, unacknowledged"))
            #expect(!overview.text.contains("acme/plant2"), "the viewer of plant1 does not see plant2")
            let statuses = try await Self.page(client, "/console/status.json", cookie: cookie)
            let json = try JSONSerialization.jsonObject(with: Data(statuses.text.utf8)) as? [String: [String: String]]
            #expect(json?["acme/plant1/hall/line-1/cell-1/fan-2"]?["class"] == "status-p2")
            #expect(json?["acme/plant1"]?["class"] == "status-p2", "a site shows its worst alarm")
            #expect(json?["acme"] == nil, "the enterprise is outside the viewer's subtree")
            #expect(json?["acme/plant1/fan-1"]?["class"] == "status-ok")

            let alarms = try await Self.page(client, "/console/alarms", cookie: cookie)
            #expect(alarms.text.contains(#"data-action="ack" data-alarm="fan-vibration.h""#))
            #expect(alarms.text.contains("ISA-18.2"))
            let equipment = try await Self.page(
                client, "/console/equipment?path=acme/plant1/hall/line-1/cell-1/fan-2", cookie: cookie)
            #expect(equipment.status == .ok)
            #expect(
                equipment.text.contains(
                    #"<output class="value" data-tag="acme/plant1/hall/line-1/cell-1/fan-2/vibration" aria-label="vibration">9.5</output>"#
                ))
        }
    }

    @Test func chartsComeFromTheSystemLibraryOrSayWhatIsMissing() async throws {
        try await withTemporaryDirectory { library in
            try await TestPlatform.withPlatform(configure: { $0.consoleChartLibrary = library }) { platform in
                try await platform.makeApplication().test(.router) { client in
                    let admin = try await client.signIn("admin", TestPlatform.adminPassword)
                    for path in ["acme", "acme/plant1", "acme/plant1/fan-1"] {
                        _ = try await client.send(
                            .post, "/api/v1/assets", token: admin, json: #"{"path":"\#(path)","name":"x"}"#)
                    }
                    _ = try await client.send(
                        .post, "/api/v1/tags", token: admin,
                        json: #"{"path":"acme/plant1/fan-1/speed","dataType":"double"}"#)
                    let cookie = try await Self.signIn(client, "admin", TestPlatform.adminPassword)
                    let missing = try await Self.page(
                        client, "/console/equipment?path=acme/plant1/fan-1", cookie: cookie)
                    #expect(missing.text.contains(#"id="charts-missing""#))
                    #expect(missing.text.contains("apt-get install libjs-dygraphs"))
                    #expect(
                        try await Self.page(client, "/console/vendor/dygraphs/dygraph.min.js", cookie: cookie).status
                            == .notFound)

                    try Data("window.Dygraph = function () {};".utf8).write(
                        to: URL(fileURLWithPath: "\(library)/dygraph.min.js"))
                    try Data(".dygraph-legend {}".utf8).write(to: URL(fileURLWithPath: "\(library)/dygraph.min.css"))
                    try Data("secret".utf8).write(to: URL(fileURLWithPath: "\(library)/other.js"))
                    let present = try await Self.page(
                        client, "/console/equipment?path=acme/plant1/fan-1", cookie: cookie)
                    #expect(!present.text.contains(#"id="charts-missing""#))
                    #expect(present.text.contains(#"<script src="/console/vendor/dygraphs/dygraph.min.js"></script>"#))
                    #expect(present.text.contains(#"class="chart" data-tag="acme/plant1/fan-1/speed""#))
                    let script = try await Self.page(client, "/console/vendor/dygraphs/dygraph.min.js", cookie: cookie)
                    #expect(script.status == .ok && script.text.contains("window.Dygraph"))
                    #expect(
                        try await Self.page(client, "/console/vendor/dygraphs/other.js", cookie: cookie).status
                            == .notFound)
                    #expect(try await Self.page(client, "/console/assets/live.js", cookie: cookie).status == .ok)
                    #expect(
                        try await Self.page(client, "/console/assets/missing.js", cookie: cookie).status == .notFound)
                }
            }
        }
    }
}
