import GantryCore

extension SampleValue {
    /// The value as error messages and the probe show it: `0.5`, `7`, `true`, `"PUMP-7"`.
    var text: String {
        switch self {
        case .double(let number): "\(number)"
        case .int(let number): "\(number)"
        case .bool(let bit): "\(bit)"
        case .string(let text): "\"\(text)\""
        }
    }
}
