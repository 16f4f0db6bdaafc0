/// One node of a parsed expression, laid out flat so that a tree is one array and evaluation follows
/// indices instead of pointers.
struct ExpressionNode: Hashable, Sendable {
    enum Operation: UInt8, Hashable, Sendable {
        case number, reference
        case negate, not
        case add, subtract, multiply, divide
        case less, lessOrEqual, greater, greaterOrEqual, equal, notEqual
        case and, or
    }

    var operation: Operation
    /// The first operand's node index, or for a reference the index of the value it reads.
    var left: Int32
    /// The second operand's node index.
    var right: Int32
    /// A number literal's value.
    var number: Double

    static func isTrue(_ value: Double) -> Bool { value == value && value != 0 }

    /// The value of node `index`; recursion depth is bounded by ``AlarmExpression/maximumDepth``.
    static func value(
        of index: Int, in nodes: UnsafeBufferPointer<ExpressionNode>, values: UnsafeBufferPointer<Double>
    ) -> Double {
        let node = nodes[index]
        switch node.operation {
        case .number: return node.number
        case .reference: return values[Int(node.left)]
        case .negate: return -value(of: Int(node.left), in: nodes, values: values)
        case .not: return isTrue(value(of: Int(node.left), in: nodes, values: values)) ? 0 : 1
        case .and:
            return isTrue(value(of: Int(node.left), in: nodes, values: values))
                && isTrue(value(of: Int(node.right), in: nodes, values: values)) ? 1 : 0
        case .or:
            return isTrue(value(of: Int(node.left), in: nodes, values: values))
                || isTrue(value(of: Int(node.right), in: nodes, values: values)) ? 1 : 0
        default:
            let left = value(of: Int(node.left), in: nodes, values: values)
            let right = value(of: Int(node.right), in: nodes, values: values)
            switch node.operation {
            case .add: return left + right
            case .subtract: return left - right
            case .multiply: return left * right
            case .divide: return left / right
            case .less: return left < right ? 1 : 0
            case .lessOrEqual: return left <= right ? 1 : 0
            case .greater: return left > right ? 1 : 0
            case .greaterOrEqual: return left >= right ? 1 : 0
            case .equal: return left == right ? 1 : 0
            case .notEqual: return left != right ? 1 : 0
            default: return .nan
            }
        }
    }
}
