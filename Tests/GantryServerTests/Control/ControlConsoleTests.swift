import Foundation
import GantryServer
import GantryTesting
import HummingbirdTesting
import Testing

/// The control panel's page and the API it draws from.
@Suite struct ControlConsoleTests {
    @Test func theControlPanelShowsTheEmergencyStopAndIsOnlyForRemoteMachines() async throws {
        try await ControlFixture.with { plant in
            let cookie = try await ConsoleTests.signIn(plant.client, "li.wei", "night-shift-2026")
            let page = try await ConsoleTests.page(
                plant.client, "/console/control?path=\(ControlFixture.locomotive)", cookie: cookie)
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<button type="button" id="estop" class="estop">EMERGENCY STOP</button>"#))
            #expect(page.text.contains(#"data-equipment="\#(ControlFixture.locomotive)""#))
            #expect(page.text.contains("control.js"))
            let equipment = try await ConsoleTests.page(
                plant.client, "/console/equipment?path=\(ControlFixture.locomotive)", cookie: cookie)
            #expect(equipment.text.contains("/console/control?path=\(ControlFixture.locomotive)"))
            let area = try await ConsoleTests.page(plant.client, "/console/control?path=acme/mine", cookie: cookie)
            #expect(area.status == .notFound)
        }
    }

    @Test func theCatalogueAndTheInterlocksAreThereForThePanel() async throws {
        try await ControlFixture.with { plant in
            let id = ControlFixture.locomotive.replacingOccurrences(of: "/", with: "%2F")
            let catalogue = try await plant.client.send(.get, "/api/v1/equipment/\(id)/commands", token: plant.viewer)
            let names = (try catalogue.json()["items"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(names?.contains("set_speed") == true && names?.contains("emergency_stop") == true)
            try await plant.write([("\(ControlFixture.locomotive)/brake_pressure", "5")])
            let interlocks = try await plant.client.send(
                .get, "/api/v1/equipment/\(id)/interlocks", token: plant.viewer)
            let states = (try interlocks.json()["items"] as? [[String: Any]])?.reduce(into: [String: String]()) {
                $0[$1["name"] as? String ?? ""] = $1["status"] as? String
            }
            #expect(states == ["brake-applied": "active", "emergency-stop-latched": "clear", "moving": "clear"])
        }
    }
}
