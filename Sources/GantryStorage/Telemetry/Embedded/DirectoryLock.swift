import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive hold on the engine's directory, so a second store (another Gantry process, or a second
/// open in this one) cannot delete the chunk files the first is writing as "unindexed" or replay a log the
/// first still appends to.
///
/// Two layers, because no single kind of Unix lock covers both cases:
/// - Between processes, a POSIX record lock (`fcntl F_SETLK`) on a `LOCK` file. The kernel drops it when its
///   holder dies, so a crash never leaves a stale lock an operator would have to remove by hand. Unlike an
///   `flock`, it belongs to the process rather than to the open file, so a child the process spawns (a
///   peer, a script) never holds it: with `flock`, a child caught between fork and exec kept a closed store's
///   lock for a moment, and the next open was refused.
/// - Within this process, where record locks do not conflict, a registry of held directories by device and
///   inode. It is checked before the `LOCK` file is opened at all, because closing any descriptor of that
///   file would drop the process's record lock.
final class DirectoryLock: Sendable {
    /// The directories this process holds, by device and inode.
    private static let held = Mutex<Set<FileIdentity>>([])

    /// The `LOCK` file's descriptor while the hold lasts; `nil` once released.
    private let descriptor: Mutex<Int32?>
    private let identity: FileIdentity

    /// Takes the hold on `directory`, or throws ``TelemetryError/Code/locked`` naming it when another holds it.
    init(directory: String) throws(TelemetryError) {
        let identity = try FileIdentity(of: directory)
        let inUse = TelemetryError(
            .locked,
            "\(directory) is in use by another telemetry store (another Gantry process, or one not yet closed); stop it or choose another telemetry directory"
        )
        guard Self.held.withLock({ $0.insert(identity).inserted }) else { throw inUse }
        let path = directory + "/LOCK"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let failure = errno
            Self.held.withLock { _ = $0.remove(identity) }
            throw TelemetryError(.io, "\(path): cannot create: errno \(failure)")
        }
        var request = flock()
        request.l_type = Int16(F_WRLCK)
        request.l_whence = Int16(SEEK_SET)
        guard fcntl(descriptor, F_SETLK, &request) == 0 else {
            let failure = errno
            close(descriptor)
            Self.held.withLock { _ = $0.remove(identity) }
            if failure == EACCES || failure == EAGAIN { throw inUse }
            throw TelemetryError(.io, "\(path): cannot lock: errno \(failure)")
        }
        self.descriptor = Mutex(descriptor)
        self.identity = identity
    }

    deinit { release() }

    /// Lets go of the hold; a second call does nothing. The descriptor is closed (dropping the record lock)
    /// before the registry lets another open in this process try, so this close cannot drop that open's lock.
    func release() {
        guard let descriptor = descriptor.withLock({ $0.take() }) else { return }
        close(descriptor)
        Self.held.withLock { _ = $0.remove(identity) }
    }
}

/// A directory as the kernel knows it, so two spellings of one path (a symbolic link, `..`) are one entry.
private struct FileIdentity: Hashable, Sendable {
    let device: UInt64
    let inode: UInt64

    init(of path: String) throws(TelemetryError) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw TelemetryError(.io, "\(path): cannot read: errno \(errno)")
        }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
    }
}
