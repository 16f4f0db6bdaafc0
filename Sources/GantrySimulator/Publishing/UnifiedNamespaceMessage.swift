import GantryCore

/// The JSON a unified-namespace device publishes: `{"value":…,"ts":…}` to the tag's path, as Gantry's ingest reads it.
enum UnifiedNamespaceMessage {
    /// The payload for `sample`: numbers as JSON numbers, booleans as `true`/`false`, states as JSON strings.
    static func payload(_ sample: SimulatedSample) -> String {
        "{\"value\":\(json(sample.value)),\"ts\":\(sample.time)}"
    }

    static func json(_ value: SampleValue) -> String {
        switch value {
        case .double(let number): number.isFinite ? "\(number)" : "null"
        case .int(let number): "\(number)"
        case .bool(let flag): flag ? "true" : "false"
        case .string(let text): quoted(text)
        }
    }

    /// `text` as a JSON string literal.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
