import GantryCore

/// A word of the expression language, with where it starts.
struct ExpressionToken: Sendable {
    enum Kind: Sendable, Equatable {
        case number(Double)
        case name(String)
        case path(TagPath)
        case symbol(String)
        case end
    }

    var kind: Kind
    /// UTF-8 offset of the token's first byte.
    var position: Int
}

/// Splits expression text into tokens, reporting the position of anything it cannot read.
struct ExpressionLexer {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ text: String) { self.bytes = Array(text.utf8) }

    mutating func tokens() throws(AlarmError) -> [ExpressionToken] {
        var tokens: [ExpressionToken] = []
        while true {
            let token = try next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private mutating func next() throws(AlarmError) -> ExpressionToken {
        while offset < bytes.count, bytes[offset] == 0x20 || bytes[offset] == 0x09 || bytes[offset] == 0x0A {
            offset += 1
        }
        let start = offset
        guard offset < bytes.count else { return ExpressionToken(kind: .end, position: start) }
        let byte = bytes[offset]
        if Self.isDigit(byte) || byte == UInt8(ascii: ".") {
            return ExpressionToken(kind: .number(try number()), position: start)
        }
        if Self.isNameStart(byte) {
            while offset < bytes.count, Self.isNameStart(bytes[offset]) || Self.isDigit(bytes[offset]) {
                offset += 1
            }
            return ExpressionToken(kind: .name(text(start..<offset)), position: start)
        }
        if byte == UInt8(ascii: "{") {
            guard let close = bytes[start...].firstIndex(of: UInt8(ascii: "}")) else {
                throw AlarmError(.invalidExpression, "'{' at position \(start) has no closing '}'", position: start)
            }
            offset = close + 1
            let path = text(start + 1..<close)
            do {
                return ExpressionToken(kind: .path(try TagPath(path)), position: start)
            } catch {
                throw AlarmError(
                    .invalidExpression, "tag at position \(start): \(error.message)", position: start)
            }
        }
        for symbol in Self.symbols where bytes[offset...].starts(with: symbol.utf8) {
            offset += symbol.utf8.count
            return ExpressionToken(kind: .symbol(symbol), position: start)
        }
        throw AlarmError(
            .invalidExpression, "unexpected character '\(text(start..<start + 1))' at position \(start)",
            position: start)
    }

    /// Two-character symbols first, so `<=` is not read as `<` then `=`.
    private static let symbols = ["<=", ">=", "==", "!=", "&&", "||", "<", ">", "+", "-", "*", "/", "(", ")", "!"]

    private mutating func number() throws(AlarmError) -> Double {
        let start = offset
        while offset < bytes.count, Self.isDigit(bytes[offset]) || bytes[offset] == UInt8(ascii: ".") {
            offset += 1
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") {
                offset += 1
            }
            while offset < bytes.count, Self.isDigit(bytes[offset]) { offset += 1 }
        }
        let literal = text(start..<offset)
        guard let value = Double(literal), value.isFinite else {
            throw AlarmError(.invalidExpression, "'\(literal)' at position \(start) is not a number", position: start)
        }
        return value
    }

    private func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || byte == UInt8(ascii: "_")
    }
}
