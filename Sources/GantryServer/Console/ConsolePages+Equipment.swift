import Foundation
import GantryControl
import GantryCore

/// One equipment (or any asset): its live values, trends over history, standing alarms and devices.
enum EquipmentPage {
    static func render(
        asset: Asset, tags: [Tag], latest: [TagPath: TelemetryPoint], view: ConsolePlantView, charts: ChartLibrary,
        user: String
    ) -> String {
        let status = view.status(of: asset.path)
        let remote = asset.type.flatMap(CommandCatalogue.commands(for:)) != nil
        let rows: String = tags.map { tag -> String in
            let point = latest[tag.path]
            let value = point.map { EquipmentPage.text($0.value) } ?? "–"
            let time = point.map { Timestamp(millisecondsSinceEpoch: $0.timestamp).rfc3339 } ?? ""
            return #"""
                <tr data-tag="\#(HTML.escape(tag.path.description))">
                <th scope="row">\#(HTML.escape(tag.path.name))\#(tag.description.isEmpty ? "" : #"<br><small>\#(HTML.escape(tag.description))</small>"#)</th>
                <td><output class="value" data-tag="\#(HTML.escape(tag.path.description))" aria-label="\#(HTML.escape(tag.path.name))">\#(HTML.escape(value))</output> <span class="unit">\#(HTML.escape(tag.unit))</span></td>
                <td><time class="at" datetime="\#(time)">\#(time.isEmpty ? "no value yet" : time)</time></td>
                </tr>
                """#
        }.joined()
        let numeric = tags.filter { $0.dataType.isNumeric }
        let chartSection: String
        if let reason = charts.missingReason {
            chartSection = #"<p class="notice" role="status" id="charts-missing">\#(HTML.escape(reason))</p>"#
        } else if numeric.isEmpty {
            chartSection = "<p>No numeric tags to chart.</p>"
        } else {
            let figures = numeric.map { tag -> String in
                #"""
                <figure class="trend">
                <figcaption>\#(HTML.escape(tag.path.name))\#(tag.unit.isEmpty ? "" : " (\(HTML.escape(tag.unit)))")</figcaption>
                <div class="chart" data-tag="\#(HTML.escape(tag.path.description))" role="img" aria-label="Trend of \#(HTML.escape(tag.path.name))"></div>
                </figure>
                """#
            }.joined()
            chartSection = #"""
                <div class="range" role="group" aria-label="Time range">
                <button type="button" data-range="600000" aria-pressed="true">10 min</button>
                <button type="button" data-range="3600000" aria-pressed="false">1 h</button>
                <button type="button" data-range="28800000" aria-pressed="false">8 h</button>
                <button type="button" data-range="86400000" aria-pressed="false">24 h</button>
                <span class="hint">Drag across a chart to zoom, shift-drag to pan, double-click to go back.</span>
                </div>
                <div class="trends">\#(figures)</div>
                """#
        }
        let alarms = view.alarms.filter { $0.definition.asset.isWithin(asset.path) }
        let alarmList: String =
            alarms.isEmpty
            ? "<p>No standing alarms.</p>"
            : "<ul class=\"alarm-list\">"
                + alarms.map { (alarm: AlarmSnapshot) -> String in
                    #"<li class="p\#(alarm.definition.priority.rawValue)"><strong>P\#(alarm.definition.priority.rawValue)</strong> \#(HTML.escape(alarm.definition.message)) — \#(alarm.status.state.rawValue.replacingOccurrences(of: "_", with: " "))</li>"#
                }.joined() + "</ul>"
        let devices = view.devices.filter { $0.device.assetPath.isWithin(asset.path) }
        let deviceList: String =
            devices.isEmpty
            ? "<p>No device is bound here.</p>"
            : "<ul>"
                + devices.map { (entry: (device: Device, status: DevicePresence.Status)) -> String in
                    #"<li data-device="\#(HTML.escape(entry.device.username))">\#(HTML.escape(entry.device.name)): <span class="link-state \#(entry.status.online ? "online" : "offline")">\#(entry.status.online ? "online" : "offline")</span></li>"#
                }.joined() + "</ul>"
        let body = #"""
            <p class="breadcrumb"><a href="/console/">Plant</a> / \#(HTML.escape(asset.path.parent.description))</p>
            <h1><span class="dot \#(status.cssClass)" data-asset="\#(HTML.escape(asset.path.description))" role="img" aria-label="\#(status.label)"></span> \#(HTML.escape(asset.name))</h1>
            <p class="meta">\#(HTML.escape(asset.path.description)) · \#(HTML.escape(asset.level.rawValue))\#(asset.type.map { " · " + HTML.escape($0) } ?? "") · <span id="live-status" role="status">connecting…</span>\#(remote ? #" · <a href="/console/control?path=\#(HTML.escape(asset.path.description))">Remote control</a>"# : "")</p>
            <div class="equipment" data-asset="\#(HTML.escape(asset.path.description))">
            <section aria-labelledby="values-heading"><h2 id="values-heading">Live values</h2>
            <table class="values"><thead><tr><th scope="col">Tag</th><th scope="col">Value</th><th scope="col">Updated</th></tr></thead>
            <tbody>\#(rows.isEmpty ? #"<tr><td colspan="3">No tags.</td></tr>"# : rows)</tbody></table></section>
            <section aria-labelledby="alarms-heading"><h2 id="alarms-heading">Alarms</h2>\#(alarmList)
            <h2>Devices</h2>\#(deviceList)</section>
            </div>
            <section aria-labelledby="trends-heading"><h2 id="trends-heading">Trends</h2>\#(chartSection)</section>
            """#
        return ConsoleLayout.page(
            title: asset.name, section: .plant, user: user, body: body, modules: ["equipment.js"],
            styles: charts.styles, classicScripts: charts.scripts)
    }

    static func text(_ value: SampleValue) -> String {
        switch value {
        case .double(let number): number.isFinite ? String(format: "%.3f", number).trimmingTrailingZeros : "–"
        case .int(let number): "\(number)"
        case .bool(let flag): flag ? "true" : "false"
        case .string(let text): text
        }
    }
}

extension String {
    /// `12.500` → `12.5`, `3.000` → `3`.
    fileprivate var trimmingTrailingZeros: String {
        guard contains(".") else { return self }
        var text = self
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
