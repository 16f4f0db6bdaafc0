import NIOCore

/// CreateMonitoredItems (Part 4, 5.12.2): which attributes a subscription samples, how often, and the client
/// handle its notifications carry.
struct OPCUACreateMonitoredItemsRequest: OPCUARequest {
    typealias Response = OPCUACreateMonitoredItemsResponse
    static let encodingId: UInt32 = 751

    struct Item: Hashable, Sendable {
        var itemToMonitor: OPCUAReadValueId
        /// 2: reporting.
        var monitoringMode: Int32 = 2
        var clientHandle: UInt32
        /// Milliseconds; -1 for the publishing interval.
        var samplingInterval: Double
        var queueSize: UInt32 = 1
        var discardOldest = true
    }

    var header = OPCUARequestHeader()
    var subscriptionId: UInt32
    /// 2: both timestamps.
    var timestampsToReturn: Int32 = 2
    var itemsToCreate: [Item]

    func encode(to buffer: inout ByteBuffer) {
        header.encode(to: &buffer)
        buffer.writeUA(subscriptionId)
        buffer.writeUA(timestampsToReturn)
        buffer.writeUAArray(itemsToCreate) { buffer, item in
            item.itemToMonitor.encode(to: &buffer)
            buffer.writeUA(item.monitoringMode)
            buffer.writeUA(item.clientHandle)
            buffer.writeUADouble(item.samplingInterval)
            OPCUAExtensionObject().encode(to: &buffer)  // no filter: the default data change filter
            buffer.writeUA(item.queueSize)
            buffer.writeUABoolean(item.discardOldest)
        }
    }
}

/// One monitored item's outcome.
struct OPCUAMonitoredItemCreateResult: Hashable, Sendable, OPCUADecodable {
    var statusCode: OPCUAStatusCode
    var monitoredItemId: UInt32
    var revisedSamplingInterval: Double
    var revisedQueueSize: UInt32

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        statusCode = try reader.read()
        monitoredItemId = try reader.integer("monitored item id")
        revisedSamplingInterval = try reader.double("revised sampling interval")
        revisedQueueSize = try reader.integer("revised queue size")
        _ = try OPCUAExtensionObject(from: &reader)  // filter result
    }
}

struct OPCUACreateMonitoredItemsResponse: OPCUAResponse {
    static let encodingId: UInt32 = 754
    static let serviceName = "CreateMonitoredItems"

    var header: OPCUAResponseHeader
    var results: [OPCUAMonitoredItemCreateResult]

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        header = try reader.read()
        results = try reader.array("results") { reader throws(ConnectorError) in try reader.read() }
        _ = try reader.array("diagnostic infos") { reader throws(ConnectorError) in
            try OPCUADiagnosticInfo(from: &reader)
        }
    }
}
