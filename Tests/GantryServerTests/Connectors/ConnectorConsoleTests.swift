import Foundation
import GantryServer
import GantryTesting
import HummingbirdTesting
import Testing

/// The console shows each device's connector on the devices page and gives it a page of its own.
@Suite struct ConnectorConsoleTests {
    @Test func theDevicesPageLinksEachDeviceToItsConnectorPage() async throws {
        try await ConnectorFixture.with { fixture in
            let cookie = try await ConsoleTests.signIn(fixture.client, "admin", TestPlatform.adminPassword)
            let before = try await ConsoleTests.page(fixture.client, "/console/devices", cookie: cookie)
            #expect(before.text.contains(#"<a href="/console/connector?device=\#(fixture.deviceID)">none</a>"#))

            // Nothing listens on port 1: the connector runs, and is not online.
            try #require(try await fixture.save(ConnectorFixture.modbus(port: 1)).status == .ok)
            let after = try await ConsoleTests.page(fixture.client, "/console/devices", cookie: cookie)
            #expect(after.text.contains(#"?device=\#(fixture.deviceID)">Modbus TCP: "#), "\(after.text)")
            #expect(!after.text.contains(#"Modbus TCP: online"#))

            let page = try await ConsoleTests.page(
                fixture.client, "/console/connector?device=\(fixture.deviceID)", cookie: cookie)
            #expect(page.status == .ok)
            #expect(page.text.contains(#"data-device="\#(fixture.deviceID)""#))
            #expect(page.text.contains("connector.js"))
            let script = try await ConsoleTests.page(fixture.client, "/console/assets/connector.js", cookie: cookie)
            #expect(script.status == .ok && script.text.contains("browse-form"))
            let unknown = try await ConsoleTests.page(
                fixture.client, "/console/connector?device=\(UUID().uuidString)", cookie: cookie)
            #expect(unknown.status == .notFound)
        }
    }
}
