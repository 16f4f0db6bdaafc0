import NIOCore

/// CreateSubscription (Part 4, 5.13.2): a subscription publishing every interval, with keep-alives when quiet.
struct OPCUACreateSubscriptionRequest: OPCUARequest {
    typealias Response = OPCUACreateSubscriptionResponse
    static let encodingId: UInt32 = 787

    var header = OPCUARequestHeader()
    /// Milliseconds.
    var requestedPublishingInterval: Double
    var requestedLifetimeCount: UInt32 = 60
    var requestedMaxKeepAliveCount: UInt32 = 10
    var maxNotificationsPerPublish: UInt32 = 0
    var publishingEnabled = true
    var priority: UInt8 = 0

    func encode(to buffer: inout ByteBuffer) {
        header.encode(to: &buffer)
        buffer.writeUADouble(requestedPublishingInterval)
        buffer.writeUA(requestedLifetimeCount)
        buffer.writeUA(requestedMaxKeepAliveCount)
        buffer.writeUA(maxNotificationsPerPublish)
        buffer.writeUABoolean(publishingEnabled)
        buffer.writeUA(priority)
    }
}

struct OPCUACreateSubscriptionResponse: OPCUAResponse {
    static let encodingId: UInt32 = 790
    static let serviceName = "CreateSubscription"

    var header: OPCUAResponseHeader
    var subscriptionId: UInt32
    var revisedPublishingInterval: Double
    var revisedLifetimeCount: UInt32
    var revisedMaxKeepAliveCount: UInt32

    init(from reader: inout OPCUAReader) throws(ConnectorError) {
        header = try reader.read()
        subscriptionId = try reader.integer("subscription id")
        revisedPublishingInterval = try reader.double("revised publishing interval")
        revisedLifetimeCount = try reader.integer("revised lifetime count")
        revisedMaxKeepAliveCount = try reader.integer("revised max keep-alive count")
    }
}

/// DeleteSubscriptions (Part 4, 5.13.8).
struct OPCUADeleteSubscriptionsRequest: OPCUARequest {
    typealias Response = OPCUADeleteSubscriptionsResponse
    static let encodingId: UInt32 = 847

    var header = OPCUARequestHeader()
    var subscriptionIds: [UInt32]

    func encode(to buffer: inout ByteBuffer) {
        header.encode(to: &buffer)
        buffer.writeUAArray(subscriptionIds) { $0.writeUA($1) }
    }
}

struct OPCUADeleteSubscriptionsResponse: OPCUAResponse {
    static let encodingId: UInt32 = 850
    static let serviceName = "DeleteSubscriptions"

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
