import Foundation
import GantryAlarms
import GantryCore
import GantryStorage

/// The alarm summary: the ISA-18.2 load per operator position, the alarms that need attention with their
/// actions, and the latest journal lines.
enum AlarmsPage {
    static func render(
        alarms: [AlarmSnapshot], loads: [AlarmPositionLoad], journal: [StoredAlarmJournalEntry], user: String
    ) -> String {
        let body = #"""
            <h1>Alarms <span id="live-status" class="meta" role="status">connecting…</span></h1>
            <section aria-labelledby="kpi-heading">
            <h2 id="kpi-heading">Alarm load, last 24 hours</h2>
            \#(kpi(loads))
            </section>
            <section aria-labelledby="standing-heading">
            <h2 id="standing-heading">Standing alarms</h2>
            <table class="alarms" id="alarm-table">
            <thead><tr><th scope="col">Priority</th><th scope="col">Since</th><th scope="col">Equipment</th><th scope="col">Message</th><th scope="col">State</th><th scope="col">Actions</th></tr></thead>
            <tbody id="alarm-rows">\#(rows(alarms))</tbody>
            </table>
            </section>
            <section aria-labelledby="journal-heading">
            <h2 id="journal-heading">Journal</h2>
            <table class="journal"><thead><tr><th scope="col">#</th><th scope="col">Time</th><th scope="col">Alarm</th><th scope="col">Change</th><th scope="col">By</th><th scope="col">Comment</th><th scope="col">Value</th></tr></thead>
            <tbody id="journal-rows">\#(journalRows(journal))</tbody></table>
            </section>
            <dialog id="action-dialog" aria-labelledby="action-title">
            <form method="dialog" id="action-form">
            <h2 id="action-title">Acknowledge</h2>
            <p id="action-alarm"></p>
            <label id="duration-field">Shelve for (minutes) <input type="number" name="durationMinutes" min="1" max="1440" value="60"></label>
            <label>Comment <textarea name="comment" rows="3" maxlength="1000"></textarea></label>
            <p class="error" id="action-error" role="alert"></p>
            <div class="buttons"><button type="submit" value="confirm" id="action-confirm">Confirm</button> <button type="submit" value="cancel" formnovalidate>Cancel</button></div>
            </form>
            </dialog>
            """#
        return ConsoleLayout.page(title: "Alarms", section: .alarms, user: user, body: body, modules: ["alarms.js"])
    }

    /// The KPI table beside the ISA-18.2 benchmarks.
    static func kpi(_ loads: [AlarmPositionLoad]) -> String {
        guard !loads.isEmpty else { return "<p>No alarm rules yet, so no alarm load.</p>" }
        let rows: String = loads.map { load -> String in
            let report = load.report
            return #"""
                <tr class="\#(load.isFlooding ? "flooding" : "")"><th scope="row">\#(HTML.escape(report.position))</th>
                <td>\#(load.lastTenMinutes)\#(load.isFlooding ? " <strong>FLOOD</strong>" : "")</td>
                <td>\#(String(format: "%.2f", report.averagePerTenMinutes))</td><td>\#(report.peakPerTenMinutes)</td>
                <td>\#(String(format: "%.1f", report.percentInFlood)) %</td><td>\#(report.load.rawValue.replacingOccurrences(of: "_", with: " "))</td></tr>
                """#
        }.joined()
        return #"""
            <table class="kpi" id="kpi-table">
            <caption>ISA-18.2 / EEMUA 191: about 1 alarm per 10 minutes per operator is very likely acceptable, about 2 the most manageable; more than \#(AlarmFloodMeter.floodAbove) in 10 minutes is a flood, which should happen in under 1 % of periods.</caption>
            <thead><tr><th scope="col">Position (site)</th><th scope="col">Last 10 min</th><th scope="col">Average per 10 min</th><th scope="col">Peak per 10 min</th><th scope="col">Time in flood</th><th scope="col">Load</th></tr></thead>
            <tbody>\#(rows)</tbody></table>
            """#
    }

    /// Table rows of the standing alarms, with the actions each state allows.
    static func rows(_ alarms: [AlarmSnapshot]) -> String {
        guard !alarms.isEmpty else { return #"<tr><td colspan="6">No standing alarms.</td></tr>"# }
        return alarms.map { alarm -> String in
            let id = HTML.escape(alarm.definition.alarmID)
            let state = alarm.status.state
            var actions = ""
            if state.isUnacknowledged {
                actions +=
                    #"<button type="button" data-action="ack" data-alarm="\#(id)" aria-label="Acknowledge \#(HTML.escape(alarm.definition.message))">Ack</button> "#
            }
            if state == .shelved {
                actions +=
                    #"<button type="button" data-action="unshelve" data-alarm="\#(id)" aria-label="Unshelve \#(HTML.escape(alarm.definition.message))">Unshelve</button>"#
            } else if state.isInCycle {
                actions +=
                    #"<button type="button" data-action="shelve" data-alarm="\#(id)" aria-label="Shelve \#(HTML.escape(alarm.definition.message))">Shelve</button>"#
            }
            let since = alarm.status.since.map { Timestamp(millisecondsSinceEpoch: $0).rfc3339 } ?? ""
            let shelvedUntil = alarm.status.shelvedUntil.map {
                " until " + Timestamp(millisecondsSinceEpoch: $0).rfc3339
            }
            return #"""
                <tr class="p\#(alarm.definition.priority.rawValue) \#(state.rawValue)" data-alarm="\#(id)">
                <td>P\#(alarm.definition.priority.rawValue)</td><td><time datetime="\#(since)">\#(since)</time></td>
                <td><a href="/console/equipment?path=\#(HTML.query(alarm.definition.asset.description))">\#(HTML.escape(alarm.definition.asset.description))</a></td>
                <td>\#(HTML.escape(alarm.definition.message))</td>
                <td class="state">\#(state.rawValue.replacingOccurrences(of: "_", with: " "))\#(shelvedUntil ?? "")</td>
                <td class="actions">\#(actions)</td></tr>
                """#
        }.joined()
    }

    static func journalRows(_ journal: [StoredAlarmJournalEntry]) -> String {
        guard !journal.isEmpty else { return #"<tr><td colspan="7">The journal is empty.</td></tr>"# }
        return journal.map { entry -> String in
            #"""
            <tr><td>\#(entry.sequence)</td><td>\#(Timestamp(millisecondsSinceEpoch: entry.at).rfc3339)</td>
            <td>\#(HTML.escape(entry.alarmID))</td>
            <td>\#(HTML.escape(entry.fromState.replacingOccurrences(of: "_", with: " "))) → \#(HTML.escape(entry.toState.replacingOccurrences(of: "_", with: " ")))</td>
            <td>\#(HTML.escape(entry.actor ?? ""))</td><td>\#(HTML.escape(entry.comment ?? ""))</td><td>\#(HTML.escape(entry.value ?? ""))</td></tr>
            """#
        }.joined()
    }
}
