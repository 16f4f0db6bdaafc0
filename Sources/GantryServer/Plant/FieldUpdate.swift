/// What a partial update (PATCH) says about one optional field: leave it, clear it, or set it.
///
/// JSON distinguishes a missing key from `null`; both mean "no value" to `Decodable`, so updates that can
/// clear a field carry this instead of an optional.
public enum FieldUpdate<Value: Sendable & Equatable>: Sendable, Equatable {
    case unchanged
    case cleared
    case set(Value)

    /// The field's value after applying this update to `current`.
    public func applied(to current: Value?) -> Value? {
        switch self {
        case .unchanged: current
        case .cleared: nil
        case .set(let value): value
        }
    }
}
