import GantryCore

/// A small, safe formula over tags that is true when the plant is abnormal, such as
/// `motor_temp > 90 and {site/area/line/fan/running} == 0`.
///
/// The language has numbers, `true`/`false`, tag references, `+ - * /`, comparisons
/// (`< <= > >= == !=`), `and`/`or`/`not` (also `&& || !`) and parentheses, with the usual precedence
/// (`or` < `and` < `not` < comparison < `+ -` < `* /` < unary minus). A bare name (`[a-z_][a-z0-9_]*`)
/// is a tag of the rule's asset; `{path}` is a full tag path. Values are doubles: booleans are 1 and 0, a
/// comparison yields 1 or 0, and a result is true when it is neither 0 nor NaN. There are no loops, calls
/// or assignments, so an expression always ends, and it cannot reach anything but the values of its tags.
///
/// The text is parsed once into a flat tree (children before parents); evaluation walks it without
/// allocating.
public struct AlarmExpression: Sendable {
    /// The longest expression text accepted, in UTF-8 bytes.
    public static let maximumLength = 4096
    /// The deepest nesting accepted, so that parsing and evaluation cannot exhaust the stack.
    public static let maximumDepth = 64

    /// The text as written.
    public let text: String
    /// The tags the expression reads, each once, in order of first appearance.
    public let references: [TagReference]
    /// The tree in post-order: every node's operands come before it, the root is last.
    let nodes: [ExpressionNode]

    /// Parses `text`; the error's ``AlarmError/position`` says where it went wrong.
    public init(_ text: String) throws(AlarmError) {
        var parser = try ExpressionParser(text)
        let (nodes, references) = try parser.parse()
        self.text = text
        self.nodes = nodes
        self.references = references
    }

    /// The expression's value when its references have `values` (in the order of ``references``).
    public func evaluate(_ values: [Double]) -> Double {
        precondition(values.count == references.count, "one value per reference")
        return nodes.withUnsafeBufferPointer { nodes in
            values.withUnsafeBufferPointer { values in
                ExpressionNode.value(of: nodes.count - 1, in: nodes, values: values)
            }
        }
    }

    /// Whether the expression is true when its references have `values`.
    public func isTrue(_ values: [Double]) -> Bool { ExpressionNode.isTrue(evaluate(values)) }
}

extension AlarmExpression: Hashable {
    public static func == (lhs: AlarmExpression, rhs: AlarmExpression) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}

extension AlarmExpression: Codable {
    /// Reads the expression as its text, and parses it.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

/// A tag named in an expression.
public enum TagReference: Hashable, Sendable, CustomStringConvertible {
    /// A bare name: the tag of that name on the rule's asset.
    case local(String)
    /// A full tag path written in braces.
    case absolute(TagPath)

    /// The tag this reference names in a rule about `asset`.
    public func resolved(on asset: AssetPath) throws(PlantModelError) -> TagPath {
        switch self {
        case .local(let name): try TagPath(asset: asset, name: name)
        case .absolute(let path): path
        }
    }

    public var description: String {
        switch self {
        case .local(let name): name
        case .absolute(let path): "{\(path)}"
        }
    }
}
