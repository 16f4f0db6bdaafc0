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
            #expect(page.text.contains(#"data-id="\#(id)""#) && page.text.contains("schedule.js"))
            #expect(page.text.contains(#"<option value="2">mill</option>"#))
            // The three events a reschedule takes, a job list named as the problem names its jobs, and a route
            // example in the problem's machine names.
            for event in ["machineDown", "rushJob", "operationLate"] {
                #expect(
                    page.text.contains(#"<option value="\#(event)">"#) && page.text.contains(#"data-event="\#(event)""#)
                )
            }
            #expect(
                page.text.contains(#"<option value="1">gear</option>"#)
                    && page.text.contains(#"<option value="2">J2</option>"#))
            #expect(page.text.contains(#"placeholder="saw:3, lathe:5""#))
            for script in ["schedule.js", "schedules.js"] {
                let file = try await ConsoleTests.page(fixture.client, "/console/assets/\(script)", cookie: cookie)
                #expect(file.status == .ok && file.text.contains("/api/v1/schedules"), "\(script)")
            }
            let unknown = try await ConsoleTests.page(
                fixture.client, "/console/schedule?id=\(UUID().uuidString)", cookie: cookie)
            #expect(unknown.status == .notFound)
        }
    }

    /// The Gantt chart is Chart.js from the system; the page sizes its canvas to the machines, and without the
    /// library it says what to install while the rest of the page works.
    @Test func theGanttChartComesFromChartJSOrSaysWhatIsMissing() async throws {
        try await withTemporaryDirectory { library in
            try await ScheduleFixture.with(configure: { $0.consoleGanttLibrary = library }) { fixture in
                let cookie = try await ConsoleTests.signIn(fixture.client, "admin", TestPlatform.adminPassword)
                let id = try await fixture.accepted(ScheduleAPITests.small)
                _ = try await fixture.waitFor(id)
                let missing = try await ConsoleTests.page(fixture.client, "/console/schedule?id=\(id)", cookie: cookie)
                #expect(missing.status == .ok && missing.text.contains(#"id="gantt-missing""#))
                #expect(missing.text.contains("apt-get install libjs-chart.js") && !missing.text.contains("<canvas"))
                #expect(missing.text.contains(#"id="reschedule-form""#) && missing.text.contains("schedule.js"))
                #expect(
                    try await ConsoleTests.page(fixture.client, "/console/vendor/chart.js/chart.min.js", cookie: cookie)
                        .status == .notFound)

                try Data("window.Chart = function () {};".utf8).write(
                    to: URL(fileURLWithPath: "\(library)/chart.min.js"))
                try Data("secret".utf8).write(to: URL(fileURLWithPath: "\(library)/chart.js"))
                let present = try await ConsoleTests.page(fixture.client, "/console/schedule?id=\(id)", cookie: cookie)
                #expect(!present.text.contains(#"id="gantt-missing""#))
                #expect(present.text.contains(#"<script src="/console/vendor/chart.js/chart.min.js"></script>"#))
                // Three machines of 30 pixels and 70 for the axis.
                #expect(present.text.contains(#"<div class="gantt" style="height: 160px"><canvas id="gantt""#))
                let script = try await ConsoleTests.page(
                    fixture.client, "/console/vendor/chart.js/chart.min.js", cookie: cookie)
                #expect(script.status == .ok && script.text.contains("window.Chart"))
                for hidden in ["/console/vendor/chart.js/chart.js", "/console/vendor/highcharts/chart.min.js"] {
                    #expect(try await ConsoleTests.page(fixture.client, hidden, cookie: cookie).status == .notFound)
                }
            }
        }
    }
}
