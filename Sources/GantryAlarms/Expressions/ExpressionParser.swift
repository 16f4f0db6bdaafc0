/// Recursive descent over the tokens, emitting nodes children-first, so that the result is the flat
/// post-order tree ``AlarmExpression`` evaluates.
struct ExpressionParser {
    private let tokens: [ExpressionToken]
    private var index = 0
    private var depth = 0
    private var nodes: [ExpressionNode] = []
    private var references: [TagReference] = []

    init(_ text: String) throws(AlarmError) {
        guard text.utf8.count <= AlarmExpression.maximumLength else {
            throw AlarmError(
                .invalidExpression, "expression is longer than \(AlarmExpression.maximumLength) bytes",
                position: AlarmExpression.maximumLength)
        }
        var lexer = ExpressionLexer(text)
        self.tokens = try lexer.tokens()
    }

    mutating func parse() throws(AlarmError) -> ([ExpressionNode], [TagReference]) {
        if current.kind == .end { throw error("the expression is empty") }
        _ = try disjunction()
        guard current.kind == .end else { throw error("unexpected \(describe(current)) after a complete expression") }
        guard !references.isEmpty else { throw error("the expression reads no tag, so it can never change") }
        return (nodes, references)
    }

    private var current: ExpressionToken { tokens[index] }

    private mutating func disjunction() throws(AlarmError) -> Int32 {
        var left = try conjunction()
        while accept("or") || accept("||") {
            left = emit(.or, left, try conjunction())
        }
        return left
    }

    private mutating func conjunction() throws(AlarmError) -> Int32 {
        var left = try negation()
        while accept("and") || accept("&&") {
            left = emit(.and, left, try negation())
        }
        return left
    }

    private mutating func negation() throws(AlarmError) -> Int32 {
        if accept("not") || accept("!") {
            return try nested { (parser: inout Self) throws(AlarmError) in parser.emit(.not, try parser.negation()) }
        }
        return try comparison()
    }

    private static let comparisons: [(String, ExpressionNode.Operation)] = [
        ("<", .less), ("<=", .lessOrEqual), (">", .greater), (">=", .greaterOrEqual), ("==", .equal),
        ("!=", .notEqual),
    ]

    private mutating func comparison() throws(AlarmError) -> Int32 {
        let left = try sum()
        for (symbol, operation) in Self.comparisons where accept(symbol) {
            let right = try sum()
            if Self.comparisons.contains(where: { current.kind == .symbol($0.0) }) {
                throw error("comparisons do not chain; write 'a < b and b < c'")
            }
            return emit(operation, left, right)
        }
        return left
    }

    private mutating func sum() throws(AlarmError) -> Int32 {
        var left = try product()
        while true {
            if accept("+") {
                left = emit(.add, left, try product())
            } else if accept("-") {
                left = emit(.subtract, left, try product())
            } else {
                return left
            }
        }
    }

    private mutating func product() throws(AlarmError) -> Int32 {
        var left = try unary()
        while true {
            if accept("*") {
                left = emit(.multiply, left, try unary())
            } else if accept("/") {
                left = emit(.divide, left, try unary())
            } else {
                return left
            }
        }
    }

    private mutating func unary() throws(AlarmError) -> Int32 {
        if accept("-") {
            return try nested { (parser: inout Self) throws(AlarmError) in parser.emit(.negate, try parser.unary()) }
        }
        return try primary()
    }

    private mutating func primary() throws(AlarmError) -> Int32 {
        let token = current
        switch token.kind {
        case .number(let value):
            index += 1
            return emit(.number, number: value)
        case .name("true"), .name("false"):
            index += 1
            return emit(.number, number: token.kind == .name("true") ? 1 : 0)
        case .name(let name) where ["and", "or", "not"].contains(name):
            throw error("expected a value but found '\(name)'")
        case .name(let name):
            index += 1
            return reference(.local(name))
        case .path(let path):
            index += 1
            return reference(.absolute(path))
        case .symbol("("):
            index += 1
            let inner = try nested { (parser: inout Self) throws(AlarmError) in try parser.disjunction() }
            guard accept(")") else { throw error("expected ')' to close the '(' at position \(token.position)") }
            return inner
        default:
            throw error("expected a number, a tag or '(' but found \(describe(token))")
        }
    }

    private mutating func reference(_ reference: TagReference) -> Int32 {
        let slot = references.firstIndex(of: reference) ?? references.count
        if slot == references.count { references.append(reference) }
        return emit(.reference, Int32(slot))
    }

    private mutating func nested(
        _ body: (inout Self) throws(AlarmError) -> Int32
    ) throws(AlarmError) -> Int32 {
        depth += 1
        guard depth <= AlarmExpression.maximumDepth else {
            throw error("the expression nests deeper than \(AlarmExpression.maximumDepth) levels")
        }
        defer { depth -= 1 }
        return try body(&self)
    }

    private mutating func accept(_ word: String) -> Bool {
        switch current.kind {
        case .symbol(word), .name(word):
            index += 1
            return true
        default:
            return false
        }
    }

    private mutating func emit(
        _ operation: ExpressionNode.Operation, _ left: Int32 = 0, _ right: Int32 = 0, number: Double = 0
    ) -> Int32 {
        nodes.append(ExpressionNode(operation: operation, left: left, right: right, number: number))
        return Int32(nodes.count - 1)
    }

    private func describe(_ token: ExpressionToken) -> String {
        switch token.kind {
        case .end: "the end"
        case .number(let value): "'\(value)'"
        case .name(let name), .symbol(let name): "'\(name)'"
        case .path(let path): "'{\(path)}'"
        }
    }

    private func error(_ message: String) -> AlarmError {
        AlarmError(.invalidExpression, "\(message) at position \(current.position)", position: current.position)
    }
}
