/// One argument a command takes: its type, its engineering unit and its allowed range, so that "set speed
/// 40" is refused on a locomotive whose limit is 12 m/s before anything reaches the machine.
public struct CommandArgument: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// A number in `unit`, within `range`.
        case number(unit: String, range: ClosedRange<Double>)
        case bool
        /// One of a fixed set of words (`forward`, `neutral`, `reverse`).
        case choice([String])
    }

    public let name: String
    public let kind: Kind
    public let summary: String

    public init(_ name: String, _ kind: Kind, _ summary: String) {
        self.name = name
        self.kind = kind
        self.summary = summary
    }

    /// `value` if it fits this argument, else the reason it does not.
    func check(_ value: CommandValue, command: String) throws(ControlError) -> CommandValue {
        switch (kind, value) {
        case (.number(let unit, let range), .number(let number)):
            guard number.isFinite, range.contains(number) else {
                throw ControlError(
                    .invalidArgument,
                    "\(command): \(name) must be from \(Self.text(range.lowerBound)) to \(Self.text(range.upperBound)) "
                        + "\(unit), not \(number)")
            }
            return value
        case (.bool, .bool):
            return value
        case (.choice(let choices), .text(let word)):
            guard choices.contains(word) else {
                throw ControlError(
                    .invalidArgument,
                    "\(command): \(name) must be one of \(choices.joined(separator: ", ")), not '\(word)'")
            }
            return value
        default:
            throw ControlError(.invalidArgument, "\(command): \(name) must be \(expected), not \(value)")
        }
    }

    /// What the argument takes, in words.
    var expected: String {
        switch kind {
        case .number(let unit, _): "a number in \(unit)"
        case .bool: "true or false"
        case .choice(let choices): "one of \(choices.joined(separator: ", "))"
        }
    }

    private static func text(_ number: Double) -> String {
        number == number.rounded() ? String(Int64(number)) : "\(number)"
    }
}
