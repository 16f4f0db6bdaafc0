import GantryCore

/// A discrete tag in the state that is abnormal: a breaker tripped (`true`), a pump `down`, a drive fault
/// code.
public struct DiscreteCondition: Hashable, Sendable, Codable {
    public var tag: TagPath
    /// The value that raises the alarm; any other value clears it.
    public var alarmState: DiscreteState

    public init(tag: TagPath, alarmState: DiscreteState) {
        self.tag = tag
        self.alarmState = alarmState
    }
}

/// A discrete value to compare a sample with. Written in JSON as the plain value: `true`, `3`, `"down"`.
public enum DiscreteState: Hashable, Sendable {
    case bool(Bool)
    case code(Int64)
    /// An enumerated state name such as `down` or `fault`.
    case state(String)

    /// Whether `value` is this state; an integer code also matches a double of the same value.
    public func matches(_ value: SampleValue) -> Bool {
        switch (self, value) {
        case (.bool(let expected), .bool(let actual)): expected == actual
        case (.code(let expected), .int(let actual)): expected == actual
        case (.code(let expected), .double(let actual)): Double(expected) == actual
        case (.state(let expected), .string(let actual)): expected == actual
        default: false
        }
    }
}

extension DiscreteState: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let code = try? container.decode(Int64.self) {
            self = .code(code)
        } else {
            self = .state(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .bool(let flag): try container.encode(flag)
        case .code(let code): try container.encode(code)
        case .state(let name): try container.encode(name)
        }
    }
}
