/// The kind of value a tag carries; it decides how samples are stored and which alarms apply.
public enum TagDataType: String, Sendable, Codable, CaseIterable {
    case double
    case int
    case bool
    case string

    /// Parses a data type named in a request, with an error that lists the choices.
    public init(parsing text: String) throws(PlantModelError) {
        guard let value = TagDataType(rawValue: text) else {
            let choices = Self.allCases.map(\.rawValue).joined(separator: ", ")
            throw PlantModelError(.invalidDataType, "data type '\(text)' is unknown; use one of \(choices)")
        }
        self = value
    }

    /// Whether an engineering range (min/max) means anything for this type.
    public var isNumeric: Bool { self == .double || self == .int }
}
