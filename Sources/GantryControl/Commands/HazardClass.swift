/// How much harm a command can do if it is wrong, which decides how it is handled.
public enum HazardClass: String, Hashable, Sendable, Codable, CaseIterable {
    /// Lights, horn: sent at once.
    case low
    /// Moves the machine: needs the lease and passes the interlocks.
    case motion
    /// Moves a load or a person-carrying machine in a way that can hurt: needs a second confirmation.
    case hazardous
    /// Emergency stop: always allowed, jumps the queue, needs no lease.
    case emergencyStop = "emergency_stop"
}
