import Foundation

/// A charting library the console reads from where Debian's `libjs-…` package puts it. Gantry ships no copy:
/// when the package is missing the console still works and the chart says what to install.
///
/// Two are used, each for what it draws well: dygraphs for the trends (`console.chartLibrary`, large time
/// series with zoom and pan) and Chart.js for the Gantt chart (`console.ganttLibrary`, floating horizontal bars).
struct ChartLibrary: Sendable {
    /// The library's name, as the page says it.
    let name: String
    /// The Debian package that installs it.
    let package: String
    /// The configuration key of its folder.
    let setting: String
    /// The folder under `/console/vendor/` it is served from.
    let route: String
    /// The only files served from the folder, with their content types; nothing else there is reachable.
    let files: [String: String]
    /// What the page loses without it, as the start of a sentence ("Trend charts are").
    let charts: String
    /// What still works without it.
    let stillWorks: String
    /// Where it is installed.
    let directory: String

    /// dygraphs, for the equipment trends.
    static func dygraphs(directory: String) -> ChartLibrary {
        ChartLibrary(
            name: "dygraphs", package: "libjs-dygraphs", setting: "console.chartLibrary", route: "dygraphs",
            files: ["dygraph.min.js": "text/javascript", "dygraph.min.css": "text/css"], charts: "Trend charts are",
            stillWorks: "Live values and everything else work without it.", directory: directory)
    }

    /// Chart.js, for the schedules' Gantt charts.
    static func chartJS(directory: String) -> ChartLibrary {
        ChartLibrary(
            name: "Chart.js", package: "libjs-chart.js", setting: "console.ganttLibrary", route: "chart.js",
            files: ["chart.min.js": "text/javascript"], charts: "The Gantt chart is",
            stillWorks: "The schedule's figures, the reschedule form and the API work without it.",
            directory: directory)
    }

    /// Whether the library is installed.
    var isAvailable: Bool {
        files.keys.allSatisfy { FileManager.default.isReadableFile(atPath: "\(directory)/\($0)") }
    }

    /// Why the charts are missing, for the page to show; `nil` when they are not.
    var missingReason: String? {
        guard !isAvailable else { return nil }
        return "\(charts) missing: the charting library \(name) was not found in \(directory). "
            + "On Debian or Ubuntu install it with `apt-get install \(package)` (or set \(setting) to its folder) "
            + "and reload. \(stillWorks)"
    }

    /// The addresses of its scripts, for the page to load when it is installed.
    var scripts: [String] { isAvailable ? paths(of: "text/javascript") : [] }

    /// The addresses of its style sheets, for the page to load when it is installed.
    var styles: [String] { isAvailable ? paths(of: "text/css") : [] }

    private func paths(of type: String) -> [String] {
        files.filter { $0.value == type }.keys.sorted().map { "/console/vendor/\(route)/\($0)" }
    }

    /// The contents of `name`, if it is one of ``files`` and present.
    func file(_ name: String) -> (data: Data, contentType: String)? {
        guard let type = files[name], let data = FileManager.default.contents(atPath: "\(directory)/\(name)")
        else { return nil }
        return (data, type)
    }
}
