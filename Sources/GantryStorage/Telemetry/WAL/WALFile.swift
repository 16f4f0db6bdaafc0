#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The log's open file descriptor, written and synced by one flush at a time.
///
/// `@unchecked Sendable`: only the ``WriteAheadLog`` actor's current flush leader touches the descriptor,
/// and it hands the file to the blocking thread pool for one write-and-sync at a time.
final class WALFile: @unchecked Sendable {
    let path: String
    private var descriptor: Int32

    /// Opens (creating if needed) the file for appending.
    init(path: String) throws(WALError) {
        self.path = path
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WALError(.io, path: path, "cannot open for writing: errno \(errno)") }
        self.descriptor = fd
    }

    /// The whole file's bytes, for replay at open.
    static func readAll(path: String) throws(WALError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw WALError(.io, path: path, "cannot open for reading: errno \(errno)")
        }
        defer { Glibc.close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 { throw WALError(.io, path: path, offset: Int64(bytes.count), "read failed: errno \(errno)") }
            if count == 0 { return bytes }
            bytes.append(contentsOf: buffer[0..<count])
        }
    }

    /// Cuts the file to `length` bytes and syncs the cut, so a torn tail never comes back.
    static func truncate(path: String, to length: Int64) throws(WALError) {
        guard Glibc.truncate(path, off_t(length)) == 0 else {
            throw WALError(.io, path: path, offset: length, "cannot cut the torn tail: errno \(errno)")
        }
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw WALError(.io, path: path, "cannot open to sync: errno \(errno)") }
        defer { Glibc.close(fd) }
        guard fsync(fd) == 0 else { throw WALError(.io, path: path, "fsync failed: errno \(errno)") }
    }

    /// Appends `bytes` completely.
    func write(_ bytes: [UInt8]) throws(WALError) {
        if let failure = writeFully(descriptor, bytes) {
            throw WALError(.io, path: path, "write failed: errno \(failure)")
        }
    }

    /// Makes everything written so far durable.
    func sync() throws(WALError) {
        guard fdatasync(descriptor) == 0 else { throw WALError(.io, path: path, "fdatasync failed: errno \(errno)") }
    }

    func close() {
        if descriptor >= 0 {
            Glibc.close(descriptor)
            descriptor = -1
        }
    }

    deinit { close() }
}
