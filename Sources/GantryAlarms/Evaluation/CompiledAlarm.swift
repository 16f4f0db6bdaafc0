/// One alarm's condition with its tags resolved to dense ids and its numbers unpacked: a plain value the
/// sample path reads without hashing, reference counting or allocation.
struct CompiledAlarm: Sendable {
    enum Kind: UInt8, Sendable {
        /// A free slot.
        case vacant
        case high, low, rateOfChange, deviation, discrete, expression
    }

    var kind: Kind
    /// The measured tag.
    var tag: Int32
    /// The setpoint tag of a deviation alarm.
    var other: Int32
    /// The threshold (high, low), rate per second or deviation limit.
    var limit: Double
    var deadband: Double

    static let vacant = CompiledAlarm(kind: .vacant, tag: -1, other: -1, limit: 0, deadband: 0)

    /// Whether the condition holds, with hysteresis: once active it clears only past the deadband.
    @inline(__always)
    func exceeds(_ measure: Double, wasActive: Bool) -> Bool {
        let threshold = wasActive ? limit - deadband : limit
        return measure > threshold
    }

    @inline(__always)
    func fallsBelow(_ value: Double, wasActive: Bool) -> Bool {
        let threshold = wasActive ? limit + deadband : limit
        return value < threshold
    }
}

/// An expression whose references point straight at tag ids, so it reads the tag table's values.
struct ExpressionProgram: Sendable {
    var nodes: [ExpressionNode]
    /// The tag ids read, each once.
    var tags: [Int32]

    init(_ expression: AlarmExpression, tagIDs: [Int32]) {
        self.tags = tagIDs
        self.nodes = expression.nodes.map { node in
            var node = node
            if node.operation == .reference { node.left = tagIDs[Int(node.left)] }
            return node
        }
    }

    func isTrue(values: [Double]) -> Bool {
        nodes.withUnsafeBufferPointer { nodes in
            values.withUnsafeBufferPointer { values in
                ExpressionNode.isTrue(ExpressionNode.value(of: nodes.count - 1, in: nodes, values: values))
            }
        }
    }
}
