import GantryCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file of compressed chunks written by one flush (see docs/format/chunk-file.md).
///
/// ```
/// ┌─────────────────────────────────────────────┐
/// │ magic "GCHK" (4) │ version 1 │ reserved (3)  │  header, 8 bytes
/// ├─────────────────────────────────────────────┤
/// │ length u32 │ CRC32C u32 │ payload            │  chunk, repeated
/// └─────────────────────────────────────────────┘
/// ```
/// Files are written whole, synced, and only then entered in the chunk index, so an index entry never
/// points at bytes that are not durable; a crash before the index commit leaves an orphan file that the
/// next open deletes.
enum ChunkFile {
    static let header: [UInt8] = Array("GCHK".utf8) + [1, 0, 0, 0]
    static let chunkHeaderSize = 8

    /// The name of file `number` within the chunk directory.
    static func name(_ number: Int64) -> String {
        zeroPadded(number, width: 8) + ".chunks"
    }

    /// Lays out `payloads` after the header; returns the file's bytes and each chunk's offset and length.
    static func layout(_ payloads: [[UInt8]]) -> (bytes: [UInt8], extents: [(offset: Int64, length: Int64)]) {
        var bytes = header
        bytes.reserveCapacity(header.count + payloads.reduce(0) { $0 + $1.count + chunkHeaderSize })
        var extents: [(Int64, Int64)] = []
        for payload in payloads {
            let offset = Int64(bytes.count)
            let length = WALFormat.littleEndian(UInt32(payload.count))
            bytes += length
            bytes += WALFormat.littleEndian(CRC32C.checksum(payload, continuing: CRC32C.checksum(length)))
            bytes += payload
            extents.append((offset, Int64(bytes.count) - offset))
        }
        return (bytes, extents)
    }

    /// Writes `bytes` to a new file at `path` and syncs the file and its directory.
    static func write(_ bytes: [UInt8], to path: String, directory: String) throws(TelemetryError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw TelemetryError(.io, "\(path): cannot create: errno \(errno)") }
        defer { close(fd) }
        if let failure = writeFully(fd, bytes) {
            throw TelemetryError(.io, "\(path): write failed: errno \(failure)")
        }
        guard fsync(fd) == 0 else { throw TelemetryError(.io, "\(path): fsync failed: errno \(errno)") }
        try syncDirectory(directory)
    }

    /// Makes a file's creation or removal within `directory` durable.
    static func syncDirectory(_ directory: String) throws(TelemetryError) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw TelemetryError(.io, "\(directory): cannot open: errno \(errno)") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw TelemetryError(.io, "\(directory): fsync failed: errno \(errno)") }
    }

    /// Reads the chunk at `offset` and checks it; damage is an error naming the file and offset.
    static func readChunk(path: String, offset: Int64, length: Int64) throws(TelemetryError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw TelemetryError(.corrupted, "\(path): cannot open a chunk file the index names: errno \(errno)")
        }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: Int(length))
        let count = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(offset)) }
        guard count == Int(length), length >= Int64(chunkHeaderSize) else {
            throw TelemetryError(.corrupted, "\(path) at byte \(offset): the chunk is cut short (file truncated?)")
        }
        let lengthBytes = bytes[0..<4]
        let payloadLength = Int(WALFormat.readUInt32(lengthBytes))
        let stored = WALFormat.readUInt32(bytes[4..<8])
        let payload = bytes[chunkHeaderSize...]
        guard payloadLength == payload.count,
            CRC32C.checksum(payload, continuing: CRC32C.checksum(lengthBytes)) == stored
        else {
            throw TelemetryError(.corrupted, "\(path) at byte \(offset): the chunk fails its CRC32C check")
        }
        return Array(payload)
    }
}
