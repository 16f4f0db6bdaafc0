/// The frame every console page shares: navigation, the signed-in user, the alarm counter and the
/// sound switch, and a `<main>` for the page itself.
///
/// Pages are rendered on the server, so they show their data before any script runs; the small ES
/// modules each page names then keep it live over `/api/v1/live`.
enum ConsoleLayout {
    /// The console's sections, in navigation order.
    enum Section: String, CaseIterable {
        case plant, alarms, devices, rules, schedules

        var title: String {
            switch self {
            case .plant: "Plant"
            case .alarms: "Alarms"
            case .devices: "Devices"
            case .rules: "Alarm rules"
            case .schedules: "Schedules"
            }
        }

        var path: String { self == .plant ? "/console/" : "/console/\(rawValue)" }
    }

    static func page(
        title: String, section: Section?, user: String?, body: String, modules: [String] = [], styles: [String] = [],
        classicScripts: [String] = []
    ) -> String {
        let navigation = Section.allCases.map { item -> String in
            let current = item == section ? #" aria-current="page""# : ""
            return #"<li><a href="\#(item.path)"\#(current)>\#(HTML.escape(item.title))</a></li>"#
        }.joined()
        let account =
            user.map { name -> String in
                #"""
                <div class="account">
                  <button type="button" id="sound-toggle" aria-pressed="false" title="Play a sound on new priority 1 and 2 alarms">Sound off</button>
                  <a href="/console/alarms" id="alarm-counter" class="alarm-counter" aria-live="polite" aria-label="Unacknowledged alarms">–</a>
                  <span class="user" aria-label="Signed in as">\#(HTML.escape(name))</span>
                  <form method="post" action="/console/logout"><button type="submit">Sign out</button></form>
                </div>
                """#
            } ?? ""
        let scripts = (user == nil ? [] : ["shell.js"]) + modules
        let scriptTags =
            (classicScripts.map { (source: String) -> String in #"<script src="\#(source)"></script>"# }).joined(
                separator: "\n") + "\n"
            + scripts.map { (name: String) -> String in
                #"<script type="module" src="/console/assets/\#(name)"></script>"#
            }.joined(
                separator: "\n")
        let styleTags = (["/console/assets/console.css"] + styles).map { (href: String) -> String in
            #"<link rel="stylesheet" href="\#(href)">"#
        }
        .joined(separator: "\n")
        return #"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <link rel="icon" href="data:,">
            <title>\#(HTML.escape(title)) · Gantry</title>
            \#(styleTags)
            \#(scriptTags)
            </head>
            <body>
            <header class="top">
              <a class="brand" href="/console/">Gantry</a>
              \#(user == nil ? "" : #"<nav aria-label="Sections"><ul>\#(navigation)</ul></nav>"#)
              \#(account)
            </header>
            <main id="main">
            \#(body)
            </main>
            </body>
            </html>
            """#
    }
}
