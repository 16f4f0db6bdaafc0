import GantryCore

/// The write-ahead log's on-disk layout (see docs/format/wal.md).
///
/// ```
/// ┌──────────────────────────────┐
/// │ magic "GWAL" (4) │ version 1 │ reserved (3) │   file header, 8 bytes
/// ├──────────────────────────────┤
/// │ length u32 LE │ CRC32C u32 LE │ payload (length bytes) │   record, repeated
/// └──────────────────────────────┘
/// ```
/// The CRC covers the length and the payload, so a torn length is caught as surely as a torn payload.
enum WALFormat {
    static let magic: [UInt8] = Array("GWAL".utf8)
    static let version: UInt8 = 1
    static let header: [UInt8] = magic + [version, 0, 0, 0]
    static let recordHeaderSize = 8
    /// The largest payload a record may carry (64 MiB), so a damaged length never makes a reader allocate
    /// gigabytes.
    static let maximumPayload = 64 << 20

    /// The bytes of one record.
    static func record(_ payload: [UInt8]) -> [UInt8] {
        let lengthBytes = littleEndian(UInt32(payload.count))
        let crc = payload.withUnsafeBytes { CRC32C.checksum($0, continuing: CRC32C.checksum(lengthBytes)) }
        var record: [UInt8] = []
        record.reserveCapacity(payload.count + recordHeaderSize)
        record += lengthBytes
        record += littleEndian(crc)
        record += payload
        return record
    }

    static func littleEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)]
    }

    static func readUInt32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        let base = bytes.startIndex
        return UInt32(bytes[base]) | UInt32(bytes[base + 1]) << 8 | UInt32(bytes[base + 2]) << 16
            | UInt32(bytes[base + 3]) << 24
    }
}
