import Foundation
import GantryServer
import GantryTesting
import HummingbirdTesting
import Testing

/// The console lists schedules, offers a form to submit one, and draws each as a Gantt chart.
@Suite struct ScheduleConsoleTests {
    @Test func theSchedulesPageListsSolvesAndEachHasAGanttPage() async throws {
        try await ScheduleFixture.with { fixture in
            let cookie = try await ConsoleTests.signIn(fixture.client, "admin", TestPlatform.adminPassword)
            let empty = try await ConsoleTests.page(fixture.client, "/console/schedules", cookie: cookie)
            #expect(empty.status == .ok)
            #expect(empty.text.contains(#"<a href="/console/schedules" aria-current="page">Schedules</a>"#))
            #expect(empty.text.contains("No schedules yet.") && empty.text.contains(#"id="schedule-form""#))
            #expect(empty.text.contains(#"<option value="jssp">"#) && empty.text.contains("schedules.js"))

            let id = try await fixture.accepted(ScheduleAPITests.small)
            _ = try await fixture.waitFor(id)
            let list = try await ConsoleTests.page(fixture.client, "/console/schedules", cookie: cookie)
            #expect(list.text.contains(#"href="/console/schedule?id=\#(id)""#), "\(list.text)")
            let page = try await ConsoleTests.page(fixture.client, "/console/schedule?id=\(id)", cookie: cookie)
            #expect(page.status == .ok)
            #expect(page.text.contains(#"data-id="\#(id)""#) && page.text.contains(#"<svg id="gantt""#))
            #expect(page.text.contains(#"<option value="2">mill</option>"#) && page.text.contains("schedule.js"))
            for script in ["schedule.js", "schedules.js"] {
                let file = try await ConsoleTests.page(fixture.client, "/console/assets/\(script)", cookie: cookie)
                #expect(file.status == .ok && file.text.contains("/api/v1/schedules"), "\(script)")
            }
            let unknown = try await ConsoleTests.page(
                fixture.client, "/console/schedule?id=\(UUID().uuidString)", cookie: cookie)
            #expect(unknown.status == .notFound)
        }
    }
}
