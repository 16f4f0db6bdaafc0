import GantryControl
import Testing

/// The audit journal's hash chain: every edit, removal and truncation is found and named.
@Suite struct AuditChainTests {
    static func journal(_ count: Int) -> [AuditRecord] {
        var chain = AuditChain()
        return (1...count).map { index in
            chain.append(
                at: Int64(index) * 1000, actor: "li.wei", action: "command.requested",
                subject: "qingdao-mine/underground/haulage/loco-01", detail: #"{"name":"horn","n":\#(index)}"#)
        }
    }

    @Test func anIntactJournalVerifiesAndContinuesAfterARestart() {
        let records = Self.journal(5)
        #expect(AuditChain.verify(records).isEmpty)
        #expect(AuditChain.verify(records, head: (5, records[4].hash)).isEmpty)
        var resumed = AuditChain(after: records.last)
        let next = resumed.append(at: 6000, actor: "gantry", action: "lease.expired", subject: "x", detail: "")
        #expect(AuditChain.verify(records + [next]).isEmpty)
        #expect(next.sequence == 6 && next.previousHash == records[4].hash)
    }

    @Test func editsRemovalsAndTruncationAreNamed() {
        let records = Self.journal(6)
        var edited = records
        let original = edited[2]
        edited[2] = AuditRecord(
            sequence: original.sequence, at: original.at, actor: "someone.else", action: original.action,
            subject: original.subject, detail: original.detail, previousHash: original.previousHash,
            hash: original.hash)
        #expect(AuditChain.verify(edited) == [.edited(sequence: 3)])

        var removed = records
        removed.remove(at: 3)
        #expect(AuditChain.verify(removed) == [.missing(after: 3, before: 5)])

        // Renumbered and rehashed after a removal: the link to the line before still breaks.
        var forged = Array(records.prefix(3))
        var chain = AuditChain()
        let rewritten = (4...5).map { _ in
            chain.append(at: 1, actor: "x", action: "y", subject: "z", detail: "")
        }
        forged += rewritten.map {
            AuditRecord(
                sequence: $0.sequence + 3, at: $0.at, actor: $0.actor, action: $0.action, subject: $0.subject,
                detail: $0.detail, previousHash: $0.previousHash, hash: $0.hash)
        }
        #expect(AuditChain.verify(forged).contains(.brokenLink(sequence: 4)))

        let cut = Array(records.prefix(4))
        #expect(AuditChain.verify(cut).isEmpty, "without the head a cut end cannot show")
        #expect(AuditChain.verify(cut, head: (6, records[5].hash)) == [.truncated(lastSequence: 4, expected: 6)])
    }
}
