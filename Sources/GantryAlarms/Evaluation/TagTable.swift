import GantryCore

/// The tags the evaluator knows, each under a dense integer id, with its latest usable value: what
/// deviation and expression rules read, and what rate-of-change rules compare with.
///
/// Ids are handed out once and never reused, so a caller may resolve a ``TagPath`` once and pass the id
/// with every sample.
struct TagTable: Sendable {
    /// How far a tag's latest value can be trusted; `none` until a usable sample arrives.
    enum Usability: UInt8, Sendable {
        case none, good, uncertain, bad
    }

    private(set) var ids: [TagPath: Int32] = [:]
    private(set) var paths: [TagPath] = []
    /// The latest usable (good or uncertain) numeric value, NaN before the first.
    var values: [Double] = []
    /// When ``values`` was sampled.
    var times: [Int64] = []
    /// The quality of the latest sample, usable or not.
    var usability: [Usability] = []
    /// The alarm slots that read each tag.
    var watchers: [[Int32]] = []

    func id(of path: TagPath) -> Int32? { ids[path] }

    /// The id of `path`, handing out the next one if it is new.
    mutating func register(_ path: TagPath) -> Int32 {
        if let id = ids[path] { return id }
        let id = Int32(paths.count)
        ids[path] = id
        paths.append(path)
        values.append(.nan)
        times.append(.min)
        usability.append(.none)
        watchers.append([])
        return id
    }

    /// The worse of two usabilities: none (no value yet) and bad both hold the condition.
    static func worst(_ lhs: Usability, _ rhs: Usability) -> Usability {
        if lhs == .none || rhs == .none { return .none }
        return lhs.rawValue > rhs.rawValue ? lhs : rhs
    }
}
