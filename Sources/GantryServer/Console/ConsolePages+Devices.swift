import Foundation
import GantryCore

/// The devices the viewer may see: where they are bound, and whether they are connected now.
enum DevicesPage {
    static func render(
        _ devices: [(device: Device, status: DevicePresence.Status)], connectors: [UUID: ConnectorSummary], user: String
    ) -> String {
        let rows: String = devices.map { (device, status) -> String in
            let lastSeen: String
            if status.online {
                lastSeen =
                    "connected since "
                    + (status.lastConnectedAt.map { Timestamp(millisecondsSinceEpoch: $0).rfc3339 } ?? "?")
            } else {
                lastSeen =
                    status.lastDisconnectedAt.map { "last seen " + Timestamp(millisecondsSinceEpoch: $0).rfc3339 }
                    ?? "never connected since the server started"
            }
            return #"""
                <tr data-device="\#(HTML.escape(device.username))">
                <th scope="row">\#(HTML.escape(device.name))</th>
                <td><a href="/console/equipment?path=\#(HTML.query(device.assetPath.description))">\#(HTML.escape(device.assetPath.description))</a></td>
                <td class="link-state \#(status.online ? "online" : "offline")">\#(status.online ? "online" : "offline")</td>
                <td class="last-seen">\#(HTML.escape(lastSeen))</td>
                <td class="connector"><a href="/console/connector?device=\#(device.id.uuidString)">\#(HTML.escape(connectors[device.id].map { "\($0.protocolName): \($0.link)" } ?? "none"))</a></td></tr>
                """#
        }.joined()
        let body = #"""
            <h1>Devices <span id="live-status" class="meta" role="status">connecting…</span></h1>
            <table class="devices"><thead><tr><th scope="col">Device</th><th scope="col">Bound to</th><th scope="col">Link</th><th scope="col">Last seen</th><th scope="col">Connector</th></tr></thead>
            <tbody>\#(rows.isEmpty ? #"<tr><td colspan="5">No devices.</td></tr>"# : rows)</tbody></table>
            """#
        return ConsoleLayout.page(title: "Devices", section: .devices, user: user, body: body, modules: ["devices.js"])
    }
}
