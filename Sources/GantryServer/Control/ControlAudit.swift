import GantryControl
import GantryStorage

/// Checks the stored control audit journal: every line against its hash and the line before, and the end
/// against the head recorded beside it. Reads only, so `gantry audit verify` can run beside a live platform.
public enum ControlAudit {
    public struct Report: Sendable {
        public let lines: Int64
        public let findings: [AuditChain.Finding]
    }

    public static func verify(_ store: MetadataStore) async throws -> Report {
        var records: [AuditRecord] = []
        var after: Int64 = 0
        while true {
            let page = try await store.auditLines(after: after, limit: 10_000)
            records += page.map(AuditRecord.init)
            guard let last = page.last, page.count == 10_000 else { break }
            after = last.sequence
        }
        let head = try await store.auditHead()
        return Report(
            lines: Int64(records.count), findings: AuditChain.verify(records, head: head.map { ($0.sequence, $0.hash) })
        )
    }
}
