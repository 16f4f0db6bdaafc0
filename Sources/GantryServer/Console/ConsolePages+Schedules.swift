import Foundation
import GantryCore

/// Production schedules for the planner: the solves the board keeps, and a form to submit a problem as JSON
/// or as a benchmark text (JSSP, Brandimarte). `schedules.js` submits through the API and keeps the list live.
enum SchedulesPage {
    /// A starting point for a JSON problem.
    static let template = """
        {
          "machines": ["saw", "lathe", "mill"],
          "jobs": [
            {"name": "shaft", "operations": [{"machine": "saw", "duration": 3}, {"machine": "lathe", "duration": 5}]},
            {"name": "gear", "due": 20, "operations": [
              {"alternatives": [{"machine": "lathe", "duration": 4}, {"machine": "mill", "duration": 6}]},
              {"machine": "saw", "duration": 2}]}
          ],
          "windows": [{"machine": "mill", "start": 0, "end": 3}],
          "objective": "makespan"
        }
        """

    static func render(_ records: [ScheduleRecord], user: String) -> String {
        let body = #"""
            <h1>Schedules</h1>
            <p class="hint">Solves run one at a time in the background; the last ones are kept in memory until the server restarts. Times are integers (seconds from the schedule's origin).</p>
            <table class="schedules"><thead><tr><th scope="col">Schedule</th><th scope="col">State</th><th scope="col">Source</th><th scope="col">Jobs × machines</th><th scope="col">Best makespan</th><th scope="col">Submitted</th></tr></thead>
            <tbody id="schedule-rows">\#(rows(records))</tbody></table>
            <section aria-labelledby="submit-heading">
            <h2 id="submit-heading">Submit a problem</h2>
            <form id="schedule-form">
            <label for="schedule-format">Format</label>
            <select id="schedule-format" name="format">
            <option value="json">JSON problem (as POST /api/v1/schedules takes it)</option>
            <option value="jssp">Job shop text (JSSP: "jobs machines", then machine duration pairs)</option>
            <option value="brandimarte">Flexible job shop text (Brandimarte)</option>
            </select>
            <label for="schedule-text">Problem</label>
            <textarea id="schedule-text" name="text" rows="16" cols="90" spellcheck="false" data-template="\#(HTML.escape(template))">\#(HTML.escape(template))</textarea>
            <label for="schedule-time">Time limit (seconds, 1–300)</label>
            <input id="schedule-time" name="timeLimitSeconds" type="number" min="1" max="300" value="10">
            <div class="buttons"><button type="submit" id="schedule-submit">Solve</button></div>
            <p id="schedule-error" class="error" role="alert"></p>
            </form>
            </section>
            """#
        return ConsoleLayout.page(
            title: "Schedules", section: .schedules, user: user, body: body, modules: ["schedules.js"])
    }

    /// The table's rows; `schedules.js` redraws them from the API.
    static func rows(_ records: [ScheduleRecord]) -> String {
        guard !records.isEmpty else { return #"<tr><td colspan="6">No schedules yet.</td></tr>"# }
        return records.map { record -> String in
            let best = record.result?.makespan ?? record.progress.best?.makespan
            return #"""
                <tr class="state-\#(record.state.rawValue)"><td><a href="/console/schedule?id=\#(record.id.uuidString)">\#(record.id.uuidString.prefix(8))</a></td>
                <td>\#(record.state.rawValue)</td><td>\#(HTML.escape(record.origin))</td><td>\#(record.problem.jobs.count) × \#(record.problem.machineCount)</td>
                <td>\#(best.map(String.init) ?? "–")</td><td>\#(HTML.escape(record.createdAt.rfc3339))</td></tr>
                """#
        }.joined()
    }
}

/// One schedule as a Gantt chart: a row per machine, a bar per operation coloured by job, downtime hatched,
/// live progress while the solve runs, and a form to reschedule after a machine goes down. `schedule.js`
/// draws the chart from the API with Chart.js; without the library the page says what to install.
enum SchedulePage {
    /// Pixels per machine row, and for the time axis and legend; the chart's height follows the machine count.
    static let rowHeight = 30
    static let axisHeight = 70

    static func render(_ record: ScheduleRecord, user: String, gantt: ChartLibrary) -> String {
        let id = record.id.uuidString
        let machines = (0..<record.problem.machineCount).map { machine -> String in
            let name =
                record.machineNames.indices.contains(machine) ? record.machineNames[machine] : "machine \(machine)"
            return #"<option value="\#(machine)">\#(HTML.escape(name))</option>"#
        }.joined()
        let jobs = record.problem.jobs.enumerated().map { index, job -> String in
            #"<option value="\#(index)">\#(HTML.escape(job.name ?? "J\(index)"))</option>"#
        }.joined()
        let body = #"""
            <p class="breadcrumb"><a href="/console/schedules">Schedules</a> / \#(id.prefix(8))</p>
            <h1>Schedule \#(id.prefix(8))</h1>
            <div id="schedule" class="schedule" data-id="\#(id)">
            <dl class="link">
            <dt>State</dt><dd><output id="schedule-state">\#(record.state.rawValue)</output></dd>
            <dt>Problem</dt><dd>\#(HTML.escape(record.origin)): \#(record.problem.jobs.count) jobs, \#(record.problem.machineCount) machines, \#(record.problem.operationCount) operations</dd>
            <dt>Best makespan</dt><dd><output id="schedule-makespan">–</output> (lower bound <output id="schedule-bound">–</output>)</dd>
            <dt>Objective</dt><dd><output id="schedule-objective">–</output></dd>
            <dt>Elapsed</dt><dd><output id="schedule-elapsed">–</output></dd>
            <dt>Stopped</dt><dd><output id="schedule-stop">–</output></dd>
            <dt>Moved operations</dt><dd><output id="schedule-moved">–</output> <span id="schedule-source"></span></dd>
            </dl>
            <div class="buttons"><button type="button" id="schedule-cancel">Cancel the solve</button></div>
            <p id="schedule-error" class="error" role="alert"></p>
            <figure class="gantt-figure"><figcaption>Gantt chart: a row per machine, a bar per operation coloured by job; hatched: machine down; outlined: moved by the reschedule; dashed line: the time of the reschedule.</figcaption>
            \#(chart(record, gantt: gantt))
            </figure>
            <section aria-labelledby="reschedule-heading">
            <h2 id="reschedule-heading">Reschedule</h2>
            <p class="hint">Work started before "now" stays where it is; the rest is planned again around the event. Operations are counted from 0.</p>
            <form id="reschedule-form" class="command">
            <label>Event <select name="event" id="reschedule-event">
            <option value="machineDown">a machine goes down</option>
            <option value="rushJob">a rush job arrives</option>
            <option value="operationLate">an operation runs late</option>
            </select></label>
            <fieldset data-event="machineDown"><legend class="visually-hidden">Machine down</legend>
            <label>Machine <select name="machine">\#(machines)</select></label>
            <label>Down from <input name="from" type="number" min="0" value="0"></label>
            <label>to <input name="to" type="number" min="1" value="10"></label>
            </fieldset>
            <fieldset data-event="rushJob" hidden><legend class="visually-hidden">Rush job</legend>
            <label>Name <input name="name" value="rush"></label>
            <label>Route (machine:duration, …) <input name="route" size="30" placeholder="\#(HTML.escape(routeExample(record)))"></label>
            <label>Due (counts when the objective weighs tardiness) <input name="due" type="number" min="0"></label>
            </fieldset>
            <fieldset data-event="operationLate" hidden><legend class="visually-hidden">Operation late</legend>
            <label>Job <select name="job">\#(jobs)</select></label>
            <label>Operation <input name="operation" type="number" min="0" value="0"></label>
            <label>Later by <input name="extraDuration" type="number" min="1" value="5"></label>
            </fieldset>
            <label>Now (at) <input name="at" type="number" min="0" value="0" required></label>
            <label>Time limit (s) <input name="timeLimitSeconds" type="number" min="1" max="300" value="10"></label>
            <button type="submit">Reschedule</button>
            </form>
            <p id="reschedule-error" class="error" role="alert"></p>
            </section>
            </div>
            """#
        return ConsoleLayout.page(
            title: "Schedule \(id.prefix(8))", section: .schedules, user: user, body: body, modules: ["schedule.js"],
            styles: gantt.styles, classicScripts: gantt.scripts)
    }

    /// A route over the problem's first machines, to show how a rush job's route is written.
    static func routeExample(_ record: ScheduleRecord) -> String {
        (0..<min(2, record.problem.machineCount)).map { machine in
            let name =
                record.machineNames.indices.contains(machine) ? record.machineNames[machine] : "\(machine)"
            return "\(name):\(3 + 2 * machine)"
        }.joined(separator: ", ")
    }

    /// The canvas `schedule.js` draws on, sized to the machine count, or why it cannot be drawn.
    static func chart(_ record: ScheduleRecord, gantt: ChartLibrary) -> String {
        if let reason = gantt.missingReason {
            return #"<p class="notice" role="status" id="gantt-missing">\#(HTML.escape(reason))</p>"#
        }
        let height = record.problem.machineCount * rowHeight + axisHeight
        return #"""
            <div class="gantt" style="height: \#(height)px"><canvas id="gantt" role="img" aria-label="Gantt chart of schedule \#(record.id.uuidString.prefix(8))"></canvas></div>
            <p id="gantt-note" class="hint" role="status"></p>
            """#
    }
}
