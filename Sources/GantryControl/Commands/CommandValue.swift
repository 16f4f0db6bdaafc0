/// A command argument's value as a device receives it.
public enum CommandValue: Hashable, Sendable, CustomStringConvertible {
    case number(Double)
    case bool(Bool)
    case text(String)

    public var description: String {
        switch self {
        case .number(let number): "\(number)"
        case .bool(let flag): "\(flag)"
        case .text(let text): text
        }
    }
}
