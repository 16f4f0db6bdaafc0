import NIOCore

/// The notifications a Publish response carries (Part 4, 7.25), by encoding id: data changes, which this
/// client turns into readings, and status changes, which end a subscription.
enum OPCUANotification: Hashable, Sendable {
    static let dataChangeEncodingId: UInt32 = 811
    static let eventListEncodingId: UInt32 = 916
    static let statusChangeEncodingId: UInt32 = 820

    /// One monitored item's new value, by the client handle given at creation.
    struct ItemValue: Hashable, Sendable {
        var clientHandle: UInt32
        var value: OPCUADataValue
    }

    case dataChange([ItemValue])
    case statusChange(OPCUAStatusCode)
    /// Events or a structure this client does not model; skipped.
    case other(OPCUANodeId)

    init(_ object: OPCUAExtensionObject) throws(ConnectorError) {
        guard var reader = object.binaryReader else {
            self = .other(object.typeId)
            return
        }
        switch object.typeId {
        case .numeric(Self.dataChangeEncodingId):
            let items = try reader.array("monitored items") { reader throws(ConnectorError) in
                ItemValue(clientHandle: try reader.integer("client handle"), value: try reader.read())
            }
            _ = try reader.array("diagnostic infos") { reader throws(ConnectorError) in
                try OPCUADiagnosticInfo(from: &reader)
            }
            self = .dataChange(items)
        case .numeric(Self.statusChangeEncodingId):
            self = .statusChange(try reader.read())
        default:
            self = .other(object.typeId)
        }
    }

    /// The binary form of a data change notification, for tests and recorded sessions.
    static func encodeDataChange(_ items: [ItemValue]) -> OPCUAExtensionObject {
        var body = ByteBuffer()
        body.writeUAArray(items) { buffer, item in
            buffer.writeUA(item.clientHandle)
            item.value.encode(to: &buffer)
        }
        body.writeUAArray([Int]()) { _, _ in }
        return OPCUAExtensionObject(typeId: .numeric(dataChangeEncodingId), body: .binary(body))
    }
}
