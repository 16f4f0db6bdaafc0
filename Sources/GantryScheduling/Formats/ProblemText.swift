/// The numbered, non-empty lines of a problem file split into whitespace-separated fields, shared by the
/// parsers so that every error can name its line.
struct ProblemText {
    struct Line {
        /// 1-based, counting empty lines too, as an editor does.
        let number: Int
        let fields: [Substring]
    }

    let lines: [Line]

    /// Splits at any line break (`\n`, `\r\n`, which Swift counts as one character, or `\r`).
    init(_ text: String) {
        var lines: [Line] = []
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let fields = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if !fields.isEmpty { lines.append(Line(number: index + 1, fields: fields)) }
        }
        self.lines = lines
    }

    /// The field as a whole number, or an error naming the line and the field.
    static func integer(_ field: Substring, line: Int, what: String) throws(SchedulingError) -> Int {
        guard let value = Int(field) else {
            throw SchedulingError(.malformedInput, "line \(line): \(what) '\(field)' is not a whole number", line: line)
        }
        return value
    }

    static func malformed(_ line: Int, _ message: String) -> SchedulingError {
        SchedulingError(.malformedInput, "line \(line): \(message)", line: line)
    }
}
