#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive hold on the engine's directory, so a second store (another Gantry process, or a second
/// open in this one) cannot delete the chunk files the first is writing as "unindexed" or replay a log the
/// first still appends to.
///
/// The hold is an `flock` on a `LOCK` file: the kernel drops it when its holder dies, so a crash never
/// leaves a stale lock behind that an operator would have to remove by hand.
final class DirectoryLock: Sendable {
    private let descriptor: Int32

    /// Takes the hold on `directory`, or throws ``TelemetryError/Code/locked`` naming it when another holds it.
    init(directory: String) throws(TelemetryError) {
        let path = directory + "/LOCK"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw TelemetryError(.io, "\(path): cannot create: errno \(errno)") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let failure = errno
            close(descriptor)
            if failure == EWOULDBLOCK {
                throw TelemetryError(
                    .locked,
                    "\(directory) is in use by another telemetry store (another Gantry process, or one not yet closed); stop it or choose another telemetry directory"
                )
            }
            throw TelemetryError(.io, "\(path): cannot lock: errno \(failure)")
        }
        self.descriptor = descriptor
    }

    /// Lets go of the hold; closing the descriptor releases the `flock`.
    func release() {
        close(descriptor)
    }
}
