/// A command an equipment type understands: its name, what it does, its arguments and its hazard class.
public struct CommandDefinition: Hashable, Sendable {
    public let name: String
    public let summary: String
    public let arguments: [CommandArgument]
    public let hazard: HazardClass

    public init(_ name: String, _ summary: String, hazard: HazardClass, arguments: [CommandArgument] = []) {
        self.name = name
        self.summary = summary
        self.arguments = arguments
        self.hazard = hazard
    }

    /// The arguments of a request checked against this definition: every declared argument present with
    /// the right type, unit and range, and nothing else.
    public func validate(_ arguments: [String: CommandValue]) throws(ControlError) -> [String: CommandValue] {
        if let unknown = arguments.keys.sorted().first(where: { key in !self.arguments.contains { $0.name == key } }) {
            let known = self.arguments.map(\.name)
            throw ControlError(
                .invalidArgument,
                "\(name) takes no argument '\(unknown)'"
                    + (known.isEmpty ? "; it takes none" : "; it takes \(known.joined(separator: ", "))"))
        }
        var checked: [String: CommandValue] = [:]
        for argument in self.arguments {
            guard let value = arguments[argument.name] else {
                throw ControlError(
                    .invalidArgument, "\(name) needs \(argument.name): \(argument.expected) (\(argument.summary))")
            }
            checked[argument.name] = try argument.check(value, command: name)
        }
        return checked
    }
}
