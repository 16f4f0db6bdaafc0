import Foundation
import GantryCore

/// A device's connector, for the engineer who sets it up and the operator who wonders why values went bad: the
/// link and its counters, the configuration as the API takes it (checked on save, the refusal naming the field),
/// and for OPC UA a browser of the server's address space whose variables become points with a click. The page
/// is drawn here; `connector.js` reads and saves through the API.
enum ConnectorPage {
    static func render(device: Device, user: String) -> String {
        let name = HTML.escape(device.name)
        let body = #"""
            <p class="breadcrumb"><a href="/console/devices">Devices</a> / \#(name)</p>
            <h1>Connector: \#(name)</h1>
            <p class="meta">\#(HTML.escape(device.assetPath.description)) · \#(HTML.escape(device.username))</p>
            <div id="connector" class="connector" data-device="\#(device.id.uuidString)">
            <section aria-labelledby="status-heading"><h2 id="status-heading">Status</h2>
            <dl class="link" id="connector-status">
            <dt>Protocol</dt><dd><output id="status-protocol">–</output></dd>
            <dt>Link</dt><dd><output id="status-link">no connector</output> <span id="status-reason" class="hint"></span></dd>
            <dt>Requests</dt><dd><output id="status-requests">–</output></dd>
            <dt>Errors</dt><dd><output id="status-errors">–</output></dd>
            <dt>Reconnects</dt><dd><output id="status-reconnects">–</output></dd>
            <dt>Readings</dt><dd><output id="status-readings">–</output></dd>
            <dt>Last round trip</dt><dd><output id="status-latency">–</output> ms</dd>
            </dl></section>
            <section aria-labelledby="definition-heading"><h2 id="definition-heading">Configuration</h2>
            <p class="hint">JSON as <code>PUT /api/v1/devices/\#(device.id.uuidString)/connector</code> takes it: exactly one of <code>modbus</code> or <code>opcua</code>, <code>tags</code> (point → tag under \#(HTML.escape(device.assetPath.description))), <code>commands</code> (command argument → point) and <code>enabled</code>.</p>
            <div class="buttons">
            <button type="button" id="template-modbus">Start from a Modbus example</button>
            <button type="button" id="template-opcua">Start from an OPC UA example</button>
            </div>
            <textarea id="definition" rows="24" cols="90" spellcheck="false" aria-label="Connector configuration"></textarea>
            <div class="buttons">
            <button type="button" id="save">Save and restart</button>
            <button type="button" id="remove">Remove connector</button>
            </div>
            <p id="definition-error" class="error" role="alert"></p>
            <p id="definition-saved" class="notice" role="status"></p></section>
            <section aria-labelledby="browse-heading"><h2 id="browse-heading">Browse an OPC UA server</h2>
            <form id="browse-form" class="browse">
            <label>Endpoint <input name="endpoint" size="40" placeholder="opc.tcp://host:4840/"></label>
            <label>Node <input name="node" size="30" value="i=85"></label>
            <button type="submit">Browse</button>
            </form>
            <p id="browse-error" class="error" role="alert"></p>
            <table class="browse"><thead><tr><th scope="col">Name</th><th scope="col">Node</th><th scope="col">Class</th><th scope="col"></th></tr></thead>
            <tbody id="browse-rows"></tbody></table></section>
            </div>
            """#
        return ConsoleLayout.page(
            title: "Connector \(device.name)", section: .devices, user: user, body: body, modules: ["connector.js"])
    }
}
