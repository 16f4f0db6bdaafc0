import Foundation
import GantryAlarms

/// The alarm rules the viewer may see, and an editor for the JSON of one: what an engineer tunes when an
/// alarm is a nuisance or missing.
enum RulesPage {
    /// A starting point for a new rule.
    static let template = """
        {
          "id": "new-rule",
          "asset": "enterprise/site/area/equipment",
          "priority": 2,
          "message": "What the operator should read",
          "onDelayMilliseconds": 0,
          "offDelayMilliseconds": 0,
          "condition": { "limit": { "tag": "enterprise/site/area/equipment/tag", "deadband": 0.5, "high": { "value": 80 } } }
        }
        """

    static func render(_ rules: [AlarmRuleRecord], user: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let rows: String = rules.map { record -> String in
            let rule = record.rule
            let json = (try? encoder.encode(rule)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            return #"""
                <tr data-rule="\#(HTML.escape(rule.id))"><th scope="row">\#(HTML.escape(rule.id))</th><td>\#(HTML.escape(rule.asset.description))</td>
                <td>P\#(rule.priority.rawValue)</td><td>\#(HTML.escape(rule.message))</td><td>\#(rule.isEnabled ? "yes" : "no")</td>
                <td><button type="button" data-edit="\#(HTML.escape(rule.id))" data-json="\#(HTML.escape(json))" aria-label="Edit rule \#(HTML.escape(rule.id))">Edit</button></td></tr>
                """#
        }.joined()
        let body = #"""
            <h1>Alarm rules</h1>
            <table class="rules"><thead><tr><th scope="col">Rule</th><th scope="col">Asset</th><th scope="col">Priority</th><th scope="col">Message</th><th scope="col">Enabled</th><th scope="col"><span class="visually-hidden">Edit</span></th></tr></thead>
            <tbody>\#(rows.isEmpty ? #"<tr><td colspan="6">No rules yet.</td></tr>"# : rows)</tbody></table>
            <section aria-labelledby="editor-heading">
            <h2 id="editor-heading">Editor</h2>
            <form id="rule-form">
            <p>Conditions: <code>limit</code> (highHigh, high, low, lowLow with deadband), <code>rateOfChange</code>, <code>deviation</code> from a setpoint tag, <code>discrete</code> (alarmState), <code>expression</code> over the asset's tags. Priority 1 is the most urgent.</p>
            <label for="rule-json">Rule (JSON)</label>
            <textarea id="rule-json" name="rule" rows="16" spellcheck="false" data-template="\#(HTML.escape(template))">\#(HTML.escape(template))</textarea>
            <input type="hidden" id="rule-editing" value="">
            <div class="buttons">
            <button type="submit" id="rule-save">Save rule</button>
            <button type="button" id="rule-new">New rule</button>
            <button type="button" id="rule-delete" disabled>Delete rule</button>
            </div>
            <p id="rule-result" role="status"></p>
            </form>
            </section>
            """#
        return ConsoleLayout.page(title: "Alarm rules", section: .rules, user: user, body: body, modules: ["rules.js"])
    }
}
