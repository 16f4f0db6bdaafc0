import GantryCore
import GantryStorage
import Testing

/// Fixed times for the contract tests: whole hours in the past, so no point is near the future bound and
/// no assertion depends on the wall clock.
enum ContractTime {
    static let second: Int64 = 1000
    static let minute: Int64 = 60 * second
    static let hour: Int64 = 60 * minute
    static let day: Int64 = 24 * hour

    /// The start of the current hour, six hours ago.
    static let base: Int64 = Timestamp.now.millisecondsSinceEpoch / hour * hour - 6 * hour

    /// A range from `from` to `to` milliseconds after ``base``.
    static func range(_ from: Int64, _ to: Int64) -> TimeRange {
        try! TimeRange(from: base + from, to: base + to)
    }
}

/// A tag under the contract tests' plant.
func contractTag(_ path: String) -> TagPath {
    try! TagPath("contract-plant/" + path)
}

/// A point `offset` milliseconds after ``ContractTime/base``.
func point(_ offset: Int64, _ value: SampleValue, _ quality: Quality = .good) -> TelemetryPoint {
    TelemetryPoint(timestamp: ContractTime.base + offset, value: value, quality: quality)
}

/// Every raw point of `tags` in `range`, read page by page, with the pages' sizes and cursors.
func readAllPages(
    _ store: any TelemetryStore, _ tags: [TagPath], _ range: TimeRange, limit: Int
) async throws -> (points: [(tag: TagPath, point: TelemetryPoint)], pages: [RawPage]) {
    var points: [(tag: TagPath, point: TelemetryPoint)] = []
    var pages: [RawPage] = []
    var cursor: RawCursor?
    repeat {
        let page = try await store.read(RawQuery(tags: tags, range: range, limit: limit, after: cursor))
        pages.append(page)
        for series in page.series {
            points += series.points.map { (series.tag, $0) }
        }
        cursor = page.next
        if pages.count > 10_000 {
            Issue.record("paging does not end")
            break
        }
    } while cursor != nil
    return (points, pages)
}

/// The points of one tag from a raw read of it alone (one page of up to 100 000).
func rawPoints(_ store: any TelemetryStore, _ tag: TagPath, _ range: TimeRange) async throws -> [TelemetryPoint] {
    let page = try await store.read(RawQuery(tags: [tag], range: range, limit: RawQuery.maximumLimit))
    return page.series.first { $0.tag == tag }?.points ?? []
}

/// Expects `body` to throw a ``TelemetryError`` with `code`.
func expectRefusal(
    _ code: TelemetryError.Code, _ what: Comment, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Void
) async {
    do {
        try await body()
        Issue.record("\(what): expected a refusal, but it was accepted", sourceLocation: sourceLocation)
    } catch let error as TelemetryError {
        #expect(
            error.code == code, "\(what): refused with another code: \(error.message)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("\(what): expected a TelemetryError, got \(error)", sourceLocation: sourceLocation)
    }
}
