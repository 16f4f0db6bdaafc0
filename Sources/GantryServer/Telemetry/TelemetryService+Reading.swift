import GantryCore
import GantryStorage

extension TelemetryService {
    /// What a read asks for beyond its tags and range.
    public enum ReadShape: Sendable, Hashable {
        /// Raw points, a page at a time.
        case raw(limit: Int, after: RawCursor?)
        /// Summaries per bucket of `width` milliseconds.
        case buckets(width: Int64, aggregate: Aggregate)
        /// At most `maxPoints` points per tag, peaks kept.
        case downsampled(maxPoints: Int)
    }

    /// The answer to a read: one series per tag asked, in the order asked (empty when it has no points in
    /// the range), and where the next page starts.
    public struct ReadAnswer: Sendable, Hashable {
        public let series: [SeriesPoints]
        public let next: RawCursor?
    }

    /// Reads the history of `references` in `range`; needs the viewer role on each tag's asset.
    public func read(
        _ references: [TagReference], in range: TimeRange, shape: ReadShape, by principal: Principal
    ) async throws -> ReadAnswer {
        let paths = try await paths(of: references, by: principal)
        let found: [SeriesPoints]
        var next: RawCursor?
        switch shape {
        case .raw(let limit, let after):
            let page = try await store.read(RawQuery(tags: paths, range: range, limit: limit, after: after))
            found = page.series
            next = page.next
        case .buckets(let width, let aggregate):
            found = try await store.read(BucketQuery(tags: paths, range: range, width: width, aggregate: aggregate))
        case .downsampled(let maxPoints):
            found = try await store.read(DownsampleQuery(tags: paths, range: range, maxPoints: maxPoints))
        }
        return ReadAnswer(series: Self.inRequestOrder(paths, found), next: next)
    }

    /// The newest value of each of `references`; needs the viewer role on each tag's asset.
    public func latest(_ references: [TagReference], by principal: Principal) async throws -> [SeriesPoints] {
        let paths = try await paths(of: references, by: principal)
        return Self.inRequestOrder(paths, try await store.latest(paths))
    }

    private func paths(of references: [TagReference], by principal: Principal) async throws -> [TagPath] {
        let tags = try await resolve(Set(references), by: principal, role: .viewer)
        return references.map { tags[$0]!.path }
    }

    private static func inRequestOrder(_ paths: [TagPath], _ found: [SeriesPoints]) -> [SeriesPoints] {
        let byTag = Dictionary(found.map { ($0.tag, $0.points) }, uniquingKeysWith: { first, _ in first })
        return paths.map { SeriesPoints(tag: $0, points: byTag[$0] ?? []) }
    }
}
