import GantryCore

/// What reading a log back found: every intact record, and whether a torn tail was cut.
public struct WALReplay: Sendable {
    /// The payloads of the intact records, in the order they were appended.
    public let records: [[UInt8]]
    /// The length of the intact log; a torn tail beyond it is cut off when the log opens.
    public let validLength: Int64
    /// Bytes of a torn last record that were dropped (a crash during its write: it was never acknowledged).
    public let tornBytes: Int64
    /// Damaged stretches skipped in salvage mode: where each starts and how long it is.
    public var damaged: [(offset: Int64, length: Int64)] = []

    init(records: [[UInt8]], validLength: Int64, tornBytes: Int64) {
        self.records = records
        self.validLength = validLength
        self.tornBytes = tornBytes
    }

    /// Parses a log as ``parse(_:path:)`` does, but steps over damage in the middle instead of refusing:
    /// every intact record is kept and each damaged stretch is reported, so a store can open with what
    /// survived and say exactly what did not.
    static func salvage(_ bytes: [UInt8], path: String) throws(WALError) -> WALReplay {
        guard bytes.count >= WALFormat.header.count, bytes.starts(with: WALFormat.header) else {
            return try parse(bytes, path: path)
        }
        var records: [[UInt8]] = []
        var damaged: [(Int64, Int64)] = []
        var offset = WALFormat.header.count
        while offset < bytes.count {
            if let end = intactRecordEnd(bytes, at: offset) {
                records.append(Array(bytes[offset + WALFormat.recordHeaderSize..<end]))
                offset = end
                continue
            }
            guard let next = nextIntactRecord(bytes, after: offset) else {
                var replay = WALReplay(
                    records: records, validLength: Int64(offset), tornBytes: Int64(bytes.count - offset))
                replay.damaged = damaged
                return replay
            }
            damaged.append((Int64(offset), Int64(next - offset)))
            offset = next
        }
        var replay = WALReplay(records: records, validLength: Int64(offset), tornBytes: 0)
        replay.damaged = damaged
        return replay
    }

    /// Parses the bytes of a whole log file.
    ///
    /// A record that fails its check with nothing intact after it is a torn tail: the write was cut by a
    /// crash before its sync returned, so it was never acknowledged and is dropped. A failing record with
    /// intact records after it is corruption of acknowledged data: an error, and nothing is cut.
    static func parse(_ bytes: [UInt8], path: String) throws(WALError) -> WALReplay {
        guard bytes.count >= WALFormat.header.count else {
            // A crash while creating the file can leave a short header; nothing was acknowledged yet.
            guard WALFormat.header.starts(with: bytes) else {
                throw WALError(.notALog, path: path, offset: 0, "the file does not start with a Gantry WAL header")
            }
            return WALReplay(records: [], validLength: 0, tornBytes: Int64(bytes.count))
        }
        guard bytes.starts(with: WALFormat.header) else {
            throw WALError(.notALog, path: path, offset: 0, "the file does not start with a Gantry WAL header")
        }
        var records: [[UInt8]] = []
        var offset = WALFormat.header.count
        while offset < bytes.count {
            if let end = intactRecordEnd(bytes, at: offset) {
                records.append(Array(bytes[offset + WALFormat.recordHeaderSize..<end]))
                offset = end
                continue
            }
            if hasIntactRecord(bytes, after: offset) {
                throw WALError(
                    .corrupted, path: path, offset: Int64(offset),
                    "a record fails its CRC32C check but later records are intact; the log was damaged after it was written"
                )
            }
            return WALReplay(
                records: records, validLength: Int64(offset), tornBytes: Int64(bytes.count - offset))
        }
        return WALReplay(records: records, validLength: Int64(offset), tornBytes: 0)
    }

    /// The end offset of the record at `offset` when it is complete and its checksum matches.
    private static func intactRecordEnd(_ bytes: [UInt8], at offset: Int) -> Int? {
        guard bytes.count - offset >= WALFormat.recordHeaderSize else { return nil }
        let lengthBytes = bytes[offset..<offset + 4]
        let length = Int(WALFormat.readUInt32(lengthBytes))
        let stored = WALFormat.readUInt32(bytes[offset + 4..<offset + 8])
        let start = offset + WALFormat.recordHeaderSize
        guard length <= WALFormat.maximumPayload, bytes.count - start >= length else { return nil }
        let crc = CRC32C.checksum(bytes[start..<start + length], continuing: CRC32C.checksum(lengthBytes))
        return crc == stored ? start + length : nil
    }

    /// Whether any intact record starts after `offset`: the scan a torn tail fails and corruption passes.
    /// - Complexity: O(n) checks, each cheap unless a plausible length is found.
    private static func hasIntactRecord(_ bytes: [UInt8], after offset: Int) -> Bool {
        nextIntactRecord(bytes, after: offset) != nil
    }

    /// Where the first intact, non-empty record after `offset` starts.
    private static func nextIntactRecord(_ bytes: [UInt8], after offset: Int) -> Int? {
        var candidate = offset + 1
        while candidate + WALFormat.recordHeaderSize <= bytes.count {
            if let end = intactRecordEnd(bytes, at: candidate), end > candidate + WALFormat.recordHeaderSize {
                return candidate
            }
            candidate += 1
        }
        return nil
    }
}
