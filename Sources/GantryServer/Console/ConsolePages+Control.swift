import Foundation
import GantryCore

/// The control panel of a locomotive or a crane: the emergency stop always in view, the camera beside the
/// live values, who holds control, the round trip, the interlocks, the commands and their history. The page
/// is drawn here; `control.js` fills it from the API and the live stream and beats while the operator holds
/// control, so the machine stops by itself when this page goes away.
enum ControlPage {
    static func render(asset: Asset, tags: [Tag], latest: [TagPath: TelemetryPoint], user: String) -> String {
        let path = HTML.escape(asset.path.description)
        let rows: String = tags.map { tag -> String in
            let value = latest[tag.path].map { EquipmentPage.text($0.value) } ?? "–"
            return #"""
                <tr><th scope="row">\#(HTML.escape(tag.path.name))</th>
                <td><output class="value" data-tag="\#(HTML.escape(tag.path.description))" aria-label="\#(HTML.escape(tag.path.name))">\#(HTML.escape(value))</output> <span class="unit">\#(HTML.escape(tag.unit))</span></td></tr>
                """#
        }.joined()
        let body = #"""
            <div class="estop-bar" role="region" aria-label="Emergency stop">
            <button type="button" id="estop" class="estop">EMERGENCY STOP</button>
            <span id="estop-status" role="status" aria-live="assertive"></span>
            </div>
            <p class="breadcrumb"><a href="/console/">Plant</a> / <a href="/console/equipment?path=\#(path)">\#(HTML.escape(asset.name))</a></p>
            <h1>Remote control: \#(HTML.escape(asset.name))</h1>
            <p class="meta">\#(path)\#(asset.type.map { " · " + HTML.escape($0) } ?? "") · <span id="live-status" role="status">connecting…</span></p>
            <div class="control" id="control" data-equipment="\#(path)" data-user="\#(HTML.escape(user))">
            <section class="video" aria-labelledby="video-heading"><h2 id="video-heading">Camera</h2>
            <img id="camera" alt="Live camera of \#(HTML.escape(asset.name))" hidden>
            <p id="camera-status" role="status">Looking for a camera…</p></section>
            <section aria-labelledby="values-heading"><h2 id="values-heading">Live values</h2>
            <table class="values"><tbody>\#(rows.isEmpty ? #"<tr><td>No tags.</td></tr>"# : rows)</tbody></table></section>
            <section aria-labelledby="lease-heading"><h2 id="lease-heading">Control</h2>
            <p>Held by <strong id="lease-holder">nobody</strong> <span id="lease-expiry" class="hint"></span></p>
            <div class="buttons">
            <button type="button" id="lease-take">Take control</button>
            <button type="button" id="lease-release">Release control</button>
            <button type="button" id="lease-takeover">Take over (supervisor)</button>
            </div>
            <p id="lease-error" class="error" role="alert"></p>
            <h2>Link</h2>
            <dl class="link">
            <dt>Round trip</dt><dd><output id="rtt-total">–</output> ms (budget <span id="rtt-budget">250</span> ms)</dd>
            <dt>Console ↔ Gantry</dt><dd><output id="rtt-console">–</output> ms</dd>
            <dt>Gantry ↔ machine</dt><dd><output id="rtt-device">–</output> ms</dd>
            <dt>Session</dt><dd><output id="session-state">not driving</output></dd>
            </dl>
            <p id="speed-limited" class="notice" hidden>Speed is limited: the round trip is over budget.</p></section>
            <section aria-labelledby="interlocks-heading"><h2 id="interlocks-heading">Interlocks</h2>
            <table class="interlocks"><thead><tr><th scope="col">Interlock</th><th scope="col">State</th></tr></thead>
            <tbody id="interlocks"></tbody></table></section>
            <section aria-labelledby="commands-heading"><h2 id="commands-heading">Commands</h2>
            <div id="commands"></div>
            <p id="command-error" class="error" role="alert"></p></section>
            <section aria-labelledby="history-heading"><h2 id="history-heading">Command history</h2>
            <table class="history"><thead><tr><th scope="col">Command</th><th scope="col">State</th><th scope="col">By</th><th scope="col">Requested</th></tr></thead>
            <tbody id="history"></tbody></table></section>
            </div>
            <dialog id="confirm-dialog" aria-labelledby="confirm-heading">
            <h2 id="confirm-heading">Confirm a hazardous command</h2>
            <p id="confirm-text"></p>
            <div class="buttons"><button type="button" id="confirm-yes">Confirm and send</button>
            <button type="button" id="confirm-no">Cancel the command</button></div>
            </dialog>
            """#
        return ConsoleLayout.page(
            title: "Control: \(asset.name)", section: .plant, user: user, body: body, modules: ["control.js"])
    }
}
