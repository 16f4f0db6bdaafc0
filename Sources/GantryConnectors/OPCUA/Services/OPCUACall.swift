import NIOCore

/// Call (Part 4, 5.11.2): runs methods on objects with input arguments, returning output arguments.
struct OPCUACallRequest: OPCUARequest {
    typealias Response = OPCUACallResponse
    static let encodingId: UInt32 = 712

    struct Method: Hashable, Sendable {
        var objectId: OPCUANodeId
        var methodId: OPCUANodeId
        var inputArguments: [OPCUAVariant]
    }

    var header = OPCUARequestHeader()
    var methodsToCall: [Method]

    func encode(to buffer: inout ByteBuffer) {
        header.encode(to: &buffer)
        buffer.writeUAArray(methodsToCall) { buffer, method in
            method.objectId.encode(to: &buffer)
            method.methodId.encode(to: &buffer)
            buffer.writeUAArray(method.inputArguments) { $0.writeUA($1) }
        }
    }
}

/// One method's outcome: its status, the status of each input argument, and the outputs.
struct OPCUACallMethodResult: Hashable, Sendable, OPCUADecodable {
    var statusCode: OPCUAStatusCode
    var inputArgumentResults: [OPCUAStatusCode]
    var outputArguments: [OPCUAVariant]

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        statusCode = try reader.read()
        inputArgumentResults = try reader.array("input argument results") { reader throws(ConnectorError) in
            try reader.read()
        }
        _ = try reader.array("input argument diagnostics") { reader throws(ConnectorError) in
            try OPCUADiagnosticInfo(from: &reader)
        }
        outputArguments = try reader.array("output arguments") { reader throws(ConnectorError) in try reader.read() }
    }
}

struct OPCUACallResponse: OPCUAResponse {
    static let encodingId: UInt32 = 715
    static let serviceName = "Call"

    var header: OPCUAResponseHeader
    var results: [OPCUACallMethodResult]

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        header = try reader.read()
        results = try reader.array("results") { reader throws(ConnectorError) in try reader.read() }
        _ = try reader.array("diagnostic infos") { reader throws(ConnectorError) in
            try OPCUADiagnosticInfo(from: &reader)
        }
    }
}
