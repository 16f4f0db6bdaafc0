import NIOCore

extension MQTTClient {
    /// Publishes a message and returns when it is acknowledged: at once for QoS 0 (once written),
    /// on PUBACK for QoS 1, on PUBCOMP for QoS 2 (or on a PUBREC that refuses it).
    ///
    /// - Returns: the broker's reason code; at 0x80 and above the broker refused the message
    ///   (MQTT 5; a 3.1.1 broker always answers success).
    /// - Throws: `MQTTClientError` (`.connectionClosed`, `.queueFull`).
    @discardableResult
    public func publish(
        to topic: String, payload: ByteBuffer, qos: QoS = .atMostOnce, retain: Bool = false,
        properties: Properties = Properties()
    ) async throws -> ReasonCode {
        try await publish(
            PublishPacket(topic: topic, payload: payload, qos: qos, retain: retain, properties: properties)
        ).get()
    }

    /// Publishes a prepared packet (its packet identifier and DUP flag are the client's to set);
    /// the future completes as `publish(to:payload:qos:retain:properties:)` returns.
    public func publish(_ packet: PublishPacket) -> EventLoopFuture<ReasonCode> {
        let promise = eventLoop.makePromise(of: ReasonCode.self)
        onLoop { $0.publish(packet, ticket: .publish(promise)) }
        return promise.futureResult
    }

    /// Publishes a batch with one flush; `onAcknowledged` runs on the event loop once per packet,
    /// in acknowledgement order, with the reason code or the error. For load generators: no
    /// future and no task per message.
    public func publish(
        _ batch: [PublishPacket], onAcknowledged: @escaping @Sendable (Result<ReasonCode, MQTTClientError>) -> Void
    ) {
        onLoop { handler in
            for packet in batch { handler.publish(packet, ticket: .callback(onAcknowledged), flush: false) }
            handler.flushIfNeeded()
        }
    }

    /// Subscribes to filters (shared ones as `$share/GROUP/FILTER`) and returns SUBACK's codes,
    /// one per filter in order: the granted QoS, or a failure code (0x80 and above).
    ///
    /// - Parameter identifier: an MQTT 5 subscription identifier, echoed on every message the
    ///   subscriptions deliver (`properties.subscriptionIdentifiers`).
    public func subscribe(
        _ requests: [SubscribePacket.Request], identifier: UInt32? = nil, userProperties: [UserProperty] = []
    ) async throws -> [ReasonCode] {
        var properties = Properties()
        if let identifier { properties.subscriptionIdentifiers = [identifier] }
        properties.userProperties = userProperties
        let packet = Packet.subscribe(SubscribePacket(packetID: 0, requests: requests, properties: properties))
        return try await request(packet)
    }

    /// Subscribes to one filter; returns the granted QoS or a failure code.
    public func subscribe(
        to filter: String, qos: QoS = .atMostOnce, identifier: UInt32? = nil
    ) async throws -> ReasonCode {
        let codes = try await subscribe(
            [SubscribePacket.Request(filter: filter, options: SubscriptionOptions(qos: qos))], identifier: identifier)
        return codes[0]
    }

    /// Removes subscriptions; returns UNSUBACK's codes (MQTT 5: 0x11 where none existed; 3.1.1: all success).
    @discardableResult
    public func unsubscribe(_ filters: [String]) async throws -> [ReasonCode] {
        try await request(.unsubscribe(UnsubscribePacket(packetID: 0, filters: filters)))
    }

    /// Sends DISCONNECT and closes the connection; the will is discarded unless `reason` is 0x04.
    ///
    /// - Parameter sessionExpiry: MQTT 5: a new session expiry interval, in seconds.
    public func disconnect(reason: ReasonCode = .success, sessionExpiry: UInt32? = nil) async {
        var disconnect = DisconnectPacket(reasonCode: reason)
        disconnect.properties.sessionExpiryInterval = sessionExpiry
        let packet = disconnect
        let promise = eventLoop.makePromise(of: Void.self)
        onLoop { $0.disconnect(packet, promise: promise) }
        try? await promise.futureResult.get()
    }

    /// Drops the TCP connection without DISCONNECT, as a crashed device would: the will goes out.
    public func close() async {
        try? await channel.close()
    }

    /// QoS 1/2 publishes awaiting acknowledgement and publishes waiting for a slot, right now.
    public func pendingPublishes() async throws -> (inFlight: Int, queued: Int) {
        let handler = self.handler
        return try await eventLoop.submit { handler.value.pending }.get()
    }

    private func request(_ packet: Packet) async throws -> [ReasonCode] {
        let promise = eventLoop.makePromise(of: [ReasonCode].self)
        onLoop { $0.request(packet, promise: promise) }
        return try await promise.futureResult.get()
    }
}
