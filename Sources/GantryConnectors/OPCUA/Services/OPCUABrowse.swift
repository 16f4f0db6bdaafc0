import NIOCore

/// Browse (Part 4, 5.8.2): the references of a node, a page at a time; a continuation point asks BrowseNext for
/// the rest.
struct OPCUABrowseRequest: OPCUARequest {
    typealias Response = OPCUABrowseResponse
    static let encodingId: UInt32 = 527

    struct Description: Hashable, Sendable {
        var nodeId: OPCUANodeId
        /// 0 forward, 1 inverse, 2 both.
        var browseDirection: Int32 = 0
        var referenceTypeId: OPCUANodeId = .hierarchicalReferences
        var includeSubtypes = true
        var nodeClassMask: UInt32 = 0
        /// 0x3F: every field of the reference description.
        var resultMask: UInt32 = 0x3F
    }

    var header = OPCUARequestHeader()
    var requestedMaxReferencesPerNode: UInt32 = 0
    var nodesToBrowse: [Description]

    func encode(to buffer: inout ByteBuffer) {
        header.encode(to: &buffer)
        OPCUANodeId.null.encode(to: &buffer)  // view: the whole address space
        OPCUADateTime.none.encode(to: &buffer)
        buffer.writeUA(UInt32(0))
        buffer.writeUA(requestedMaxReferencesPerNode)
        buffer.writeUAArray(nodesToBrowse) { buffer, node in
            node.nodeId.encode(to: &buffer)
            buffer.writeUA(node.browseDirection)
            node.referenceTypeId.encode(to: &buffer)
            buffer.writeUABoolean(node.includeSubtypes)
            buffer.writeUA(node.nodeClassMask)
            buffer.writeUA(node.resultMask)
        }
    }
}

/// One reference found by Browse: where it points, and the target's names and class.
public struct OPCUAReference: Hashable, Sendable {
    public var referenceTypeId: OPCUANodeId
    public var isForward: Bool
    public var nodeId: OPCUAExpandedNodeId
    public var browseName: OPCUAQualifiedName
    public var displayName: OPCUALocalizedText
    /// The NodeClass bit: 1 Object, 2 Variable, 4 Method, 8 ObjectType, …
    public var nodeClass: Int32
    public var typeDefinition: OPCUAExpandedNodeId
}

extension OPCUAReference: OPCUADecodable {
    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        referenceTypeId = try reader.read()
        isForward = try reader.boolean("is forward")
        nodeId = try reader.read()
        browseName = try reader.read()
        displayName = try reader.read()
        nodeClass = try reader.integer("node class")
        typeDefinition = try reader.read()
    }
}

/// One node's browse result: its status, the references, and a continuation point when more remain.
struct OPCUABrowseResult: Hashable, Sendable, OPCUADecodable {
    var statusCode: OPCUAStatusCode
    var continuationPoint: [UInt8]?
    var references: [OPCUAReference]

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        statusCode = try reader.read()
        continuationPoint = try reader.byteString("continuation point")
        references = try reader.array("references") { reader throws(ConnectorError) in try reader.read() }
    }
}

struct OPCUABrowseResponse: OPCUAResponse {
    static let encodingId: UInt32 = 530
    static let serviceName = "Browse"

    var header: OPCUAResponseHeader
    var results: [OPCUABrowseResult]

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        header = try reader.read()
        results = try reader.array("results") { reader throws(ConnectorError) in try reader.read() }
        _ = try reader.array("diagnostic infos") { reader throws(ConnectorError) in
            try OPCUADiagnosticInfo(from: &reader)
        }
    }
}

/// BrowseNext (Part 4, 5.8.3): the next page of a browse, or the release of its continuation points.
struct OPCUABrowseNextRequest: OPCUARequest {
    typealias Response = OPCUABrowseNextResponse
    static let encodingId: UInt32 = 533

    var header = OPCUARequestHeader()
    var releaseContinuationPoints = false
    var continuationPoints: [[UInt8]]

    func encode(to buffer: inout ByteBuffer) {
        header.encode(to: &buffer)
        buffer.writeUABoolean(releaseContinuationPoints)
        buffer.writeUAArray(continuationPoints) { $0.writeUAByteString($1) }
    }
}

struct OPCUABrowseNextResponse: OPCUAResponse {
    static let encodingId: UInt32 = 536
    static let serviceName = "BrowseNext"

    var header: OPCUAResponseHeader
    var results: [OPCUABrowseResult]

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        header = try reader.read()
        results = try reader.array("results") { reader throws(ConnectorError) in try reader.read() }
        _ = try reader.array("diagnostic infos") { reader throws(ConnectorError) in
            try OPCUADiagnosticInfo(from: &reader)
        }
    }
}
