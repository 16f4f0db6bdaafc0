import NIOCore

/// The header in front of every service request (Part 4, 7.28): the session's authentication token, when the
/// request was sent, the handle the response echoes, and how long the client will wait.
struct OPCUARequestHeader: Hashable, Sendable {
    var authenticationToken: OPCUANodeId = .null
    var timestamp: OPCUADateTime = .none
    var requestHandle: UInt32 = 0
    var returnDiagnostics: UInt32 = 0
    var auditEntryId: String?
    /// Milliseconds the client waits; the server may drop the request after it.
    var timeoutHint: UInt32 = 0
    var additionalHeader = OPCUAExtensionObject()
}

extension OPCUARequestHeader: OPCUACodable {
    func encode(to buffer: inout ByteBuffer) {
        authenticationToken.encode(to: &buffer)
        timestamp.encode(to: &buffer)
        buffer.writeUA(requestHandle)
        buffer.writeUA(returnDiagnostics)
        buffer.writeUAString(auditEntryId)
        buffer.writeUA(timeoutHint)
        additionalHeader.encode(to: &buffer)
    }

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        authenticationToken = try reader.read()
        timestamp = try reader.read()
        requestHandle = try reader.integer("request handle")
        returnDiagnostics = try reader.integer("return diagnostics")
        auditEntryId = try reader.string("audit entry id")
        timeoutHint = try reader.integer("timeout hint")
        additionalHeader = try reader.read()
    }
}

/// The header in front of every service response (Part 4, 7.29): the echoed handle and the service result.
struct OPCUAResponseHeader: Hashable, Sendable {
    var timestamp: OPCUADateTime = .none
    var requestHandle: UInt32 = 0
    var serviceResult: OPCUAStatusCode = .good
    var serviceDiagnostics = OPCUADiagnosticInfo()
    var stringTable: [String?] = []
    var additionalHeader = OPCUAExtensionObject()
}

extension OPCUAResponseHeader: OPCUACodable {
    func encode(to buffer: inout ByteBuffer) {
        timestamp.encode(to: &buffer)
        buffer.writeUA(requestHandle)
        serviceResult.encode(to: &buffer)
        serviceDiagnostics.encode(to: &buffer)
        buffer.writeUAArray(stringTable) { $0.writeUAString($1) }
        additionalHeader.encode(to: &buffer)
    }

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        timestamp = try reader.read()
        requestHandle = try reader.integer("request handle")
        serviceResult = try reader.read()
        serviceDiagnostics = try reader.read()
        stringTable = try reader.array("string table") { reader throws(ConnectorError) in
            try reader.string("string table entry")
        }
        additionalHeader = try reader.read()
    }
}
