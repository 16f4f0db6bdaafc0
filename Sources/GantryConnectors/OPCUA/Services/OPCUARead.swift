import NIOCore

/// The attributes this client reads and monitors (Part 6, A.1).
enum OPCUAAttribute {
    static let nodeId: UInt32 = 1
    static let browseName: UInt32 = 3
    static let dataType: UInt32 = 14
    static let value: UInt32 = 13
}

/// What to read: a node's attribute (Part 4, 7.29), here always without index range or data encoding.
struct OPCUAReadValueId: Hashable, Sendable, OPCUAEncodable {
    var nodeId: OPCUANodeId
    var attributeId: UInt32 = OPCUAAttribute.value

    func encode(to buffer: inout ByteBuffer) {
        nodeId.encode(to: &buffer)
        buffer.writeUA(attributeId)
        buffer.writeUAString(nil)  // index range
        OPCUAQualifiedName(name: nil).encode(to: &buffer)  // data encoding
    }
}

/// Read (Part 4, 5.10.2): current values with status and timestamps.
struct OPCUAReadRequest: OPCUARequest {
    typealias Response = OPCUAReadResponse
    static let encodingId: UInt32 = 631

    var header = OPCUARequestHeader()
    /// 0: a fresh value, not a cached one.
    var maxAge: Double = 0
    /// 2: both the source and the server timestamp.
    var timestampsToReturn: Int32 = 2
    var nodesToRead: [OPCUAReadValueId]

    func encode(to buffer: inout ByteBuffer) {
        header.encode(to: &buffer)
        buffer.writeUADouble(maxAge)
        buffer.writeUA(timestampsToReturn)
        buffer.writeUAArray(nodesToRead) { $0.writeUA($1) }
    }
}

struct OPCUAReadResponse: OPCUAResponse {
    static let encodingId: UInt32 = 634
    static let serviceName = "Read"

    var header: OPCUAResponseHeader
    var results: [OPCUADataValue]

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        header = try reader.read()
        results = try reader.array("results") { reader throws(ConnectorError) in try reader.read() }
        _ = try reader.array("diagnostic infos") { reader throws(ConnectorError) in
            try OPCUADiagnosticInfo(from: &reader)
        }
    }
}

/// Write (Part 4, 5.10.4): new values for attributes; one status per value.
struct OPCUAWriteRequest: OPCUARequest {
    typealias Response = OPCUAWriteResponse
    static let encodingId: UInt32 = 673

    struct WriteValue: Hashable, Sendable {
        var nodeId: OPCUANodeId
        var attributeId: UInt32 = OPCUAAttribute.value
        var value: OPCUADataValue
    }

    var header = OPCUARequestHeader()
    var nodesToWrite: [WriteValue]

    func encode(to buffer: inout ByteBuffer) {
        header.encode(to: &buffer)
        buffer.writeUAArray(nodesToWrite) { buffer, write in
            write.nodeId.encode(to: &buffer)
            buffer.writeUA(write.attributeId)
            buffer.writeUAString(nil)  // index range
            write.value.encode(to: &buffer)
        }
    }
}

struct OPCUAWriteResponse: OPCUAResponse {
    static let encodingId: UInt32 = 676
    static let serviceName = "Write"

    var header: OPCUAResponseHeader
    var results: [OPCUAStatusCode]

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        header = try reader.read()
        results = try reader.array("results") { reader throws(ConnectorError) in try reader.read() }
        _ = try reader.array("diagnostic infos") { reader throws(ConnectorError) in
            try OPCUADiagnosticInfo(from: &reader)
        }
    }
}
