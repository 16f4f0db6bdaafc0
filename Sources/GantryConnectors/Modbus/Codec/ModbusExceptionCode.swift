import GantryCore

/// The reason a device gives for refusing a request (the byte after `0x80 | function`). Kept as a struct over
/// the raw byte: devices send codes the specification does not name, and those must pass through too.
public struct ModbusExceptionCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    public static let illegalFunction = Self(rawValue: 1)
    public static let illegalDataAddress = Self(rawValue: 2)
    public static let illegalDataValue = Self(rawValue: 3)
    public static let serverDeviceFailure = Self(rawValue: 4)
    public static let acknowledge = Self(rawValue: 5)
    public static let serverDeviceBusy = Self(rawValue: 6)
    public static let memoryParityError = Self(rawValue: 8)
    public static let gatewayPathUnavailable = Self(rawValue: 0x0A)
    public static let gatewayTargetFailedToRespond = Self(rawValue: 0x0B)

    /// The specification's name in plain words, e.g. `illegal data address`.
    public var description: String {
        switch rawValue {
        case 1: "illegal function"
        case 2: "illegal data address"
        case 3: "illegal data value"
        case 4: "server device failure"
        case 5: "acknowledge"
        case 6: "server device busy"
        case 8: "memory parity error"
        case 0x0A: "gateway path unavailable"
        case 0x0B: "gateway target device failed to respond"
        default: "exception \(rawValue)"
        }
    }

    /// The quality a point read with this answer gets: the OPC UA status code closest to the device's reason.
    public var quality: Quality {
        switch rawValue {
        case 1: Quality(statusCode: 0x803D_0000)  // Bad_NotSupported: the device does not know the function
        case 2: ConnectorQuality.addressUnknown
        case 3: ConnectorQuality.outOfRange
        case 4: ConnectorQuality.deviceFailure
        case 5, 6: Quality(statusCode: 0x8004_0000)  // Bad_ResourceUnavailable: busy, ask again later
        case 0x0A, 0x0B: Quality(statusCode: 0x8031_0000)  // Bad_NoCommunication: the gateway cannot reach it
        default: ConnectorQuality.communicationError
        }
    }
}
