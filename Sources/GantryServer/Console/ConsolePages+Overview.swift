import GantryCore

/// The plant overview: the ISA-95 tree on one side, and each site's equipment as tiles coloured by status.
enum OverviewPage {
    static func render(_ view: ConsolePlantView, user: String) -> String {
        guard !view.assets.isEmpty else {
            return ConsoleLayout.page(
                title: "Plant", section: .plant, user: user,
                body: #"<h1>Plant</h1><p>No part of the plant is visible to you yet: ask an engineer for a role.</p>"#)
        }
        let body = #"""
            <h1>Plant</h1>
            <div class="overview">
            <nav class="plant-tree" aria-label="Plant tree">\#(tree(view))</nav>
            <div class="sites">\#(sites(view))</div>
            </div>
            """#
        return ConsoleLayout.page(title: "Plant", section: .plant, user: user, body: body, modules: ["overview.js"])
    }

    /// The assets as nested lists, by path.
    static func tree(_ view: ConsolePlantView) -> String {
        var html = ""
        var open: [AssetPath] = []
        for asset in view.assets.sorted(by: { $0.path < $1.path }) {
            while let last = open.last, !asset.path.isWithin(last) {
                html += "</li></ul>"
                open.removeLast()
            }
            html += "<ul><li>"
            html += link(asset, view.status(of: asset.path))
            open.append(asset.path)
        }
        html += String(repeating: "</li></ul>", count: open.count)
        return html
    }

    static func link(_ asset: Asset, _ status: EquipmentStatus) -> String {
        #"<a href="/console/equipment?path=\#(HTML.query(asset.path.description))" data-asset="\#(HTML.escape(asset.path.description))">"#
            + #"<span class="dot \#(status.cssClass)" role="img" aria-label="\#(status.label)"></span>"#
            + #"\#(HTML.escape(asset.name)) <small>\#(HTML.escape(asset.level.rawValue))</small></a>"#
    }

    /// One section per top of the viewer's part of the plant (an enterprise such as a mine or a workshop,
    /// for someone who sees all of it), with a tile per equipment: an asset of an equipment type, one at the
    /// equipment level, or one with nothing below it (a fan modelled at line level is still a machine).
    static func sites(_ view: ConsolePlantView) -> String {
        let paths = Set(view.assets.map(\.path))
        let parents = Set(view.assets.map(\.path.parent))
        return view.assets.filter { !paths.contains($0.path.parent) }.map { site -> String in
            let equipment = view.assets.filter { asset in
                asset.path.isWithin(site.path) && asset.path != site.path
                    && (asset.type != nil || asset.level == .equipment || !parents.contains(asset.path))
            }
            let tiles: String = equipment.map { item -> String in
                let status = view.status(of: item.path)
                return #"""
                    <li><a class="tile \#(status.cssClass)" data-asset="\#(HTML.escape(item.path.description))" href="/console/equipment?path=\#(HTML.query(item.path.description))">
                    <strong>\#(HTML.escape(item.name))</strong>
                    <span class="area">\#(HTML.escape(item.path.parent.description))</span>
                    <span class="status-text">\#(status.label)</span></a></li>
                    """#
            }.joined()
            let siteStatus = view.status(of: site.path)
            return #"""
                <section class="site" aria-labelledby="site-\#(HTML.escape(site.id.uuidString))">
                <h2 id="site-\#(HTML.escape(site.id.uuidString))"><span class="dot \#(siteStatus.cssClass)" data-asset="\#(HTML.escape(site.path.description))" role="img" aria-label="\#(siteStatus.label)"></span> \#(HTML.escape(site.name))</h2>
                <ul class="tiles">\#(tiles.isEmpty ? "<li>No equipment yet.</li>" : tiles)</ul>
                </section>
                """#
        }.joined()
    }

    /// `{"<asset path>": {"class": "status-ok", "label": "Normal"}, …}` for the live refresh.
    static func statuses(_ view: ConsolePlantView) -> [String: [String: String]] {
        Dictionary(
            view.assets.map { asset in
                let status = view.status(of: asset.path)
                return (asset.path.description, ["class": status.cssClass, "label": status.label])
            }, uniquingKeysWith: { first, _ in first })
    }
}
