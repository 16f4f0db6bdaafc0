import Crypto
import Foundation

/// Builds and checks the hash chain of the audit journal.
///
/// Each line's hash covers its own fields and the previous line's hash, so changing any field of any line
/// changes its hash (an edit shows at that line), and removing a line breaks the link of the next one (a
/// removal shows between two sequence numbers). Removing lines from the end leaves a valid shorter chain,
/// which is why a verifier is given the head the store last recorded, when it has one.
public struct AuditChain: Sendable {
    /// The previous hash of the first line.
    public static let genesis = String(repeating: "0", count: 64)

    /// The last line's sequence and hash: where the next line is attached.
    public private(set) var lastSequence: Int64
    public private(set) var lastHash: String

    /// A chain continuing after `last` (or a new one).
    public init(after last: AuditRecord? = nil) {
        lastSequence = last?.sequence ?? 0
        lastHash = last?.hash ?? Self.genesis
    }

    /// The next line, chained to the last.
    public mutating func append(
        at time: Int64, actor: String, action: String, subject: String, detail: String
    ) -> AuditRecord {
        let sequence = lastSequence + 1
        let hash = Self.hash(
            sequence: sequence, at: time, actor: actor, action: action, subject: subject, detail: detail,
            previousHash: lastHash)
        let record = AuditRecord(
            sequence: sequence, at: time, actor: actor, action: action, subject: subject, detail: detail,
            previousHash: lastHash, hash: hash)
        lastSequence = sequence
        lastHash = hash
        return record
    }

    /// What is wrong with a journal: each finding names the lines.
    public enum Finding: Hashable, Sendable, CustomStringConvertible {
        /// The line's fields no longer give its hash: it was edited.
        case edited(sequence: Int64)
        /// Lines between these two sequence numbers are missing.
        case missing(after: Int64, before: Int64)
        /// The line does not chain to the one before it although none is missing: a line was replaced
        /// with a recomputed hash, or the lines were reordered.
        case brokenLink(sequence: Int64)
        /// The journal ends before the head the store recorded: lines were cut off its end.
        case truncated(lastSequence: Int64, expected: Int64)

        public var description: String {
            switch self {
            case .edited(let sequence): "line \(sequence) was edited: its contents do not match its hash"
            case .missing(let after, let before):
                "lines \(after + 1)…\(before - 1) are missing (between \(after) and \(before))"
            case .brokenLink(let sequence): "line \(sequence) does not chain to the line before it"
            case .truncated(let last, let expected): "the journal ends at \(last) but its head was \(expected)"
            }
        }
    }

    /// Checks `records` (in any order) against the chain rule, and against `head` (the last sequence and
    /// hash the store recorded) when given. An empty list is a valid empty journal.
    public static func verify(_ records: [AuditRecord], head: (sequence: Int64, hash: String)? = nil) -> [Finding] {
        var findings: [Finding] = []
        var previous: AuditRecord?
        for record in records.sorted(by: { $0.sequence < $1.sequence }) {
            let recomputed = hash(
                sequence: record.sequence, at: record.at, actor: record.actor, action: record.action,
                subject: record.subject, detail: record.detail, previousHash: record.previousHash)
            if recomputed != record.hash { findings.append(.edited(sequence: record.sequence)) }
            let expectedSequence = (previous?.sequence ?? 0) + 1
            if record.sequence != expectedSequence {
                findings.append(.missing(after: previous?.sequence ?? 0, before: record.sequence))
            } else if record.previousHash != (previous?.hash ?? genesis) {
                findings.append(.brokenLink(sequence: record.sequence))
            }
            previous = record
        }
        if let head {
            let last = previous?.sequence ?? 0
            if last < head.sequence {
                findings.append(.truncated(lastSequence: last, expected: head.sequence))
            } else if let previous, previous.sequence == head.sequence, previous.hash != head.hash {
                findings.append(.brokenLink(sequence: previous.sequence))
            }
        }
        return findings
    }

    /// SHA-256 over the fields, each prefixed by its length so that no two different lines encode alike.
    static func hash(
        sequence: Int64, at: Int64, actor: String, action: String, subject: String, detail: String,
        previousHash: String
    ) -> String {
        var bytes: [UInt8] = []
        for field in ["\(sequence)", "\(at)", actor, action, subject, detail, previousHash] {
            let utf8 = Array(field.utf8)
            bytes += Array("\(utf8.count):".utf8) + utf8
        }
        return SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}
