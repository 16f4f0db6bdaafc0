import NIOCore

/// CONNACK (§3.2): the broker's answer to CONNECT.
public struct ConnackPacket: Sendable, Equatable {
    public var sessionPresent: Bool
    /// MQTT 5 reason code; for 3.1.1 it is mapped to a connect return code when encoding.
    public var reasonCode: ReasonCode
    public var properties: Properties

    public init(sessionPresent: Bool = false, reasonCode: ReasonCode = .success, properties: Properties = Properties())
    {
        self.sessionPresent = sessionPresent
        self.reasonCode = reasonCode
        self.properties = properties
    }

    /// The 3.1.1 Connect Return Code (§3.2.2.3 of 3.1.1) closest to a 5.0 reason code.
    static func returnCode311(for code: ReasonCode) -> UInt8 {
        switch code {
        case .success: 0
        case .unsupportedProtocolVersion: 1
        case .clientIdentifierNotValid: 2
        case .serverUnavailable, .serverBusy, .serverShuttingDown, .useAnotherServer, .serverMoved: 3
        case .badUserNameOrPassword, .badAuthenticationMethod: 4
        default: 5
        }
    }

    static func reasonCode(from311 returnCode: UInt8) -> ReasonCode {
        switch returnCode {
        case 0: .success
        case 1: .unsupportedProtocolVersion
        case 2: .clientIdentifierNotValid
        case 3: .serverUnavailable
        case 4: .badUserNameOrPassword
        default: .notAuthorized
        }
    }
}

extension ConnackPacket {
    static func decode(_ body: inout ByteBuffer, version: ProtocolVersion) throws(MQTTPacketError) -> ConnackPacket {
        let flags = try body.readMQTTByte("connack flags")
        guard flags & 0xFE == 0 else { throw .malformed("connack flags: reserved bits set [MQTT-3.2.2-1]") }
        let code = try body.readMQTTByte("connect reason code")
        if version == .v311 {
            return ConnackPacket(sessionPresent: flags == 1, reasonCode: reasonCode(from311: code))
        }
        let properties = try Properties.read(from: &body, context: .connack)
        return ConnackPacket(sessionPresent: flags == 1, reasonCode: ReasonCode(rawValue: code), properties: properties)
    }

    func encode(into buffer: inout ByteBuffer, version: ProtocolVersion) {
        buffer.writeInteger(UInt8(sessionPresent ? 1 : 0))
        if version == .v311 {
            buffer.writeInteger(Self.returnCode311(for: reasonCode))
        } else {
            buffer.writeInteger(reasonCode.rawValue)
            properties.write(to: &buffer)
        }
    }
}
