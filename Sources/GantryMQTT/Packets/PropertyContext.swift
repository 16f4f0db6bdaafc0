/// The packet (or will) a property block belongs to; decides which identifiers are allowed (§2.2.2.2).
enum PropertyContext: Sendable {
    case connect, connack, publish, will, puback, subscribe, suback, unsubscribe, unsuback, disconnect, auth

    /// Whether `identifier` may appear here; any other identifier makes the packet malformed.
    func allows(_ identifier: UInt8) -> Bool {
        switch identifier {
        case 0x26: return true  // user property: every packet with properties
        case 0x1F: return ![.connect, .publish, .will, .subscribe, .unsubscribe].contains(self)  // reason string
        case 0x01, 0x02, 0x03, 0x08, 0x09: return self == .publish || self == .will
        case 0x0B: return self == .publish || self == .subscribe
        case 0x11: return self == .connect || self == .connack || self == .disconnect
        case 0x12, 0x13, 0x1A, 0x24, 0x25, 0x28, 0x29, 0x2A: return self == .connack
        case 0x15, 0x16: return self == .connect || self == .connack || self == .auth
        case 0x17, 0x19: return self == .connect
        case 0x18: return self == .will
        case 0x1C: return self == .connack || self == .disconnect
        case 0x21, 0x22, 0x27: return self == .connect || self == .connack
        case 0x23: return self == .publish
        default: return false
        }
    }
}
