import Foundation

/// dygraphs, the charting library the trend charts use, read from where Debian's `libjs-dygraphs` puts it
/// (`console.chartLibrary`). Gantry ships no copy: when the package is missing the console still works and
/// each chart says what to install.
struct ChartLibrary: Sendable {
    /// The only files served from the folder; nothing else there is reachable.
    static let files = ["dygraph.min.js": "text/javascript", "dygraph.min.css": "text/css"]

    let directory: String

    /// Whether the library is installed.
    var isAvailable: Bool {
        Self.files.keys.allSatisfy { FileManager.default.isReadableFile(atPath: "\(directory)/\($0)") }
    }

    /// Why the charts are missing, for the page to show; `nil` when they are not.
    var missingReason: String? {
        guard !isAvailable else { return nil }
        return "Trend charts are missing: the charting library dygraphs was not found in \(directory). "
            + "On Debian or Ubuntu install it with `apt-get install libjs-dygraphs` (or set console.chartLibrary "
            + "to its folder) and reload. Live values and everything else work without it."
    }

    /// The contents of `name`, if it is one of ``files`` and present.
    func file(_ name: String) -> (data: Data, contentType: String)? {
        guard let type = Self.files[name], let data = FileManager.default.contents(atPath: "\(directory)/\(name)")
        else { return nil }
        return (data, type)
    }
}
