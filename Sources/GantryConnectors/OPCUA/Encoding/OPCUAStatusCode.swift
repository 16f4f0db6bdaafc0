import NIOCore

/// An OPC UA StatusCode (Part 4, 7.34): the top two bits the severity, then the sub-code, then flags. Carried
/// unchanged into `Quality`, which is the same number.
public struct OPCUAStatusCode: Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt32

    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    public static let good = OPCUAStatusCode(rawValue: 0)
    public static let badUnexpectedError = OPCUAStatusCode(rawValue: 0x8001_0000)
    public static let badTimeout = OPCUAStatusCode(rawValue: 0x800A_0000)
    public static let badUserAccessDenied = OPCUAStatusCode(rawValue: 0x801F_0000)
    public static let badSessionIdInvalid = OPCUAStatusCode(rawValue: 0x8025_0000)
    public static let badSubscriptionIdInvalid = OPCUAStatusCode(rawValue: 0x8028_0000)
    public static let badNodeIdUnknown = OPCUAStatusCode(rawValue: 0x8034_0000)
    public static let badNotWritable = OPCUAStatusCode(rawValue: 0x803B_0000)
    public static let badTypeMismatch = OPCUAStatusCode(rawValue: 0x8074_0000)
    public static let badNoSubscription = OPCUAStatusCode(rawValue: 0x8079_0000)
    public static let badTooManyPublishRequests = OPCUAStatusCode(rawValue: 0x8078_0000)

    /// Good: bits 31 and 30 clear.
    public var isGood: Bool { rawValue >> 30 == 0 }
    /// Uncertain: bit 30 set, bit 31 clear.
    public var isUncertain: Bool { rawValue >> 30 == 1 }
    /// Bad: bit 31 set.
    public var isBad: Bool { rawValue & 0x8000_0000 != 0 }

    /// The specification's name (`BadNodeIdUnknown`), when it is one of the common codes.
    public var name: String? { Self.names[UInt16(rawValue >> 16)] }

    /// The name when known, else the code in hex (`0x80AB0000`).
    public var description: String {
        name ?? "0x" + String(rawValue, radix: 16, uppercase: true).leftPadded(to: 8)
    }
}

extension OPCUAStatusCode: OPCUACodable {
    func encode(to buffer: inout ByteBuffer) {
        buffer.writeUA(rawValue)
    }

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        rawValue = try reader.integer("StatusCode")
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
