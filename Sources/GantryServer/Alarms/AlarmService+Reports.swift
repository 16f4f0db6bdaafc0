import GantryAlarms
import GantryCore
import GantryStorage

/// The alarm-rate KPIs of one operator position, with the last 10 minutes for a live flood indicator.
public struct AlarmPositionLoad: Sendable {
    public let report: AlarmRateReport
    /// Annunciations in the 10 minutes up to the report's end.
    public let lastTenMinutes: Int
    /// More than ``AlarmFloodMeter/floodAbove`` in the last 10 minutes.
    public var isFlooding: Bool { lastTenMinutes > AlarmFloodMeter.floodAbove }
}

/// The journal and the ISA-18.2 alarm-rate KPIs, read back from the store.
extension AlarmService {
    /// The longest range a KPI report covers, so one request reads a bounded part of the journal.
    public static let maximumReportMilliseconds: Int64 = 31 * 86_400_000

    /// One page of the journal that `principal` may see, newest first.
    public func journal(
        under prefix: AssetPath?, alarmID: String?, since: Int64?, limit: Int, offset: Int, by principal: Principal
    ) async throws -> Page<StoredAlarmJournalEntry> {
        let scopes = principal.rights.scopes(for: .viewer)
        if let prefix, !scopes.contains(where: { prefix.isWithin($0) || $0.isWithin(prefix) }) {
            throw AccessDenied(required: .viewer, path: prefix)
        }
        let query = ListQuery(prefix: prefix, visibleScopes: scopes, limit: limit, offset: offset)
        return try await store.alarmJournal(query, alarmID: alarmID, since: since)
    }

    /// The KPIs over `[from, to)` of each operator position `principal` may see. A position is a site (the
    /// second level of the plant path) that has alarm rules: the desk that answers for one site's alarms.
    public func load(from: Int64, to: Int64, by principal: Principal) async throws -> [AlarmPositionLoad] {
        guard to > from, to - from <= Self.maximumReportMilliseconds else {
            throw MetadataStoreError(
                .invalidInput,
                "a report covers more than 0 and at most \(Self.maximumReportMilliseconds / 86_400_000) days; "
                    + "'from' must be before 'to'")
        }
        var sites: Set<AssetPath> = []
        for rule in evaluator.rules where principal.rights.allows(.viewer, on: rule.asset) {
            if let site = try? AssetPath(rule.asset.segments.prefix(2).joined(separator: "/")) { sites.insert(site) }
        }
        let positions = sites.sorted().map { OperatorPosition(name: $0.description, areas: [$0]) }
        // The window for "last 10 minutes" reaches back before `from` when the range is short.
        let windowStart = min(from, to - AlarmFloodMeter.periodMilliseconds)
        var meter = AlarmFloodMeter(positions: positions, retentionMilliseconds: to - windowStart + 60_000)
        let annunciations = try await store.alarmAnnunciations(
            from: windowStart, to: to, visibleScopes: principal.rights.scopes(for: .viewer))
        for annunciation in annunciations {
            guard let asset = try? AssetPath(annunciation.assetPath) else { continue }
            meter.recordAnnunciation(asset: asset, at: annunciation.at)
        }
        return meter.reports(from: from, to: to).map { report in
            AlarmPositionLoad(
                report: report, lastTenMinutes: meter.recentCount(position: report.position, now: to - 1))
        }
    }
}
