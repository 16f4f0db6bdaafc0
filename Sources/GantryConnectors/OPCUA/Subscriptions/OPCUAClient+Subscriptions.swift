extension OPCUAClient {
    /// Creates a subscription publishing every `publishingInterval` and a monitored item (Value attribute)
    /// for each of `items`, with its sampling interval.
    ///
    /// - Throws: `ConnectorError(.refused)` naming the node and status when the server refuses an item.
    public func subscribe(
        _ items: [OPCUAMonitoredItem], publishingInterval: Duration = .milliseconds(500)
    ) async throws(ConnectorError) -> OPCUASubscription {
        let created = try await send(
            OPCUACreateSubscriptionRequest(
                requestedPublishingInterval: Double(publishingInterval.opcuaMilliseconds)))
        let handled = Dictionary(uniqueKeysWithValues: items.enumerated().map { (UInt32($0.offset + 1), $0.element) })
        let requests = handled.sorted { $0.key < $1.key }.map { handle, item in
            OPCUACreateMonitoredItemsRequest.Item(
                itemToMonitor: OPCUAReadValueId(nodeId: item.node), clientHandle: handle,
                samplingInterval: Double(item.samplingInterval.opcuaMilliseconds))
        }
        if !requests.isEmpty {
            let monitored = try await send(
                OPCUACreateMonitoredItemsRequest(subscriptionId: created.subscriptionId, itemsToCreate: requests))
            guard monitored.results.count == requests.count else {
                throw ConnectorError(
                    .protocolViolation,
                    "CreateMonitoredItems of \(requests.count) item(s) answered with \(monitored.results.count)")
            }
            for (request, result) in zip(requests, monitored.results) {
                try Self.check(result.statusCode, "monitoring", request.itemToMonitor.nodeId)
            }
        }
        return OPCUASubscription(
            id: created.subscriptionId,
            publishingInterval: .milliseconds(Int64(created.revisedPublishingInterval.rounded())),
            maxKeepAliveCount: created.revisedMaxKeepAliveCount, items: handled)
    }

    /// Runs the subscription's Publish loop: one Publish request at a time, acknowledging what arrived, handing
    /// every data change to `deliver` in order. Keep-alives only restart the wait. Returns when the task is
    /// cancelled.
    ///
    /// - Throws: `.timeout` when neither data nor a keep-alive came within three keep-alive periods; `.refused`
    ///   when the server ended the subscription; `.unreachable` when the connection is lost.
    public func publish(
        _ subscription: OPCUASubscription, deliver: @Sendable ([OPCUAMonitoredValue]) async -> Void
    ) async throws(ConnectorError) {
        var state = OPCUAPublishState(subscription: subscription)
        while !Task.isCancelled {
            let response: OPCUAPublishResponse
            do throws(ConnectorError) {
                response = try await send(
                    OPCUAPublishRequest(acknowledgements: state.nextAcknowledgements()),
                    timeout: subscription.publishTimeout)
            } catch {
                if Task.isCancelled || error.code == .cancelled { return }
                throw error
            }
            let values = try state.received(response)
            if !values.isEmpty { await deliver(values) }
        }
    }

    /// Deletes subscriptions on the server (CloseSession deletes them too).
    public func unsubscribe(_ subscription: OPCUASubscription) async throws(ConnectorError) {
        _ = try await send(OPCUADeleteSubscriptionsRequest(subscriptionIds: [subscription.id]))
    }
}
