/// The client's side of a subscription's Publish loop, without I/O (Part 4, 5.13.1): which sequence numbers to
/// acknowledge in the next Publish request, what a response means, and when the subscription is gone.
struct OPCUAPublishState {
    let subscription: OPCUASubscription
    /// Sequence numbers received and not yet acknowledged.
    private(set) var unacknowledged: [UInt32] = []
    private(set) var keepAlives = 0
    private(set) var lastSequenceNumber: UInt32?

    init(subscription: OPCUASubscription) {
        self.subscription = subscription
    }

    /// The acknowledgements for the next Publish request; each is sent once.
    mutating func nextAcknowledgements() -> [OPCUAPublishRequest.Acknowledgement] {
        defer { unacknowledged = [] }
        return unacknowledged.map { .init(subscriptionId: subscription.id, sequenceNumber: $0) }
    }

    /// Takes a Publish response and returns the new values it brought (none for a keep-alive).
    ///
    /// - Throws: `.refused` when the server ended the subscription (a StatusChangeNotification);
    ///   `.protocolViolation` for a response about another subscription or a value for an unknown handle.
    mutating func received(_ response: OPCUAPublishResponse) throws(ConnectorError) -> [OPCUAMonitoredValue] {
        guard response.subscriptionId == subscription.id else {
            throw ConnectorError(
                .protocolViolation,
                "a Publish response for subscription \(response.subscriptionId), this client has \(subscription.id)")
        }
        if response.isKeepAlive {
            keepAlives += 1
            return []
        }
        unacknowledged.append(response.sequenceNumber)
        lastSequenceNumber = response.sequenceNumber
        var values: [OPCUAMonitoredValue] = []
        for object in response.notificationData {
            switch try OPCUANotification(object) {
            case .dataChange(let items):
                for item in items {
                    guard let monitored = subscription.items[item.clientHandle] else {
                        throw ConnectorError(
                            .protocolViolation, "a data change for unknown client handle \(item.clientHandle)")
                    }
                    values.append(OPCUAMonitoredValue(item: monitored, value: item.value))
                }
            case .statusChange(let status):
                throw ConnectorError(.refused, "the OPC UA server ended subscription \(subscription.id): \(status)")
            case .other:
                continue
            }
        }
        return values
    }
}
