import ArgumentParser

/// Durations as people type them on a command line (`500ms`, `10s`, `2m`), shared by the commands that take one.
enum CommandDuration {
    /// The duration `text` names, or a validation error naming `option`.
    static func parse(_ text: String, option: String) throws -> Duration {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60)]
        for (suffix, seconds) in units where text.hasSuffix(suffix) {
            if let number = Double(text.dropLast(suffix.count)), number >= 0 {
                return .milliseconds(Int64(number * seconds * 1000))
            }
        }
        throw ValidationError("\(option) takes a duration such as 10s, 500ms or 2m, not '\(text)'")
    }
}
