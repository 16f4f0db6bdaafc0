import Logging
import NIOCore

extension MQTTConnectionHandler {
    /// SUBSCRIBE (§3.8.4): one reason code per filter, in order; retained messages follow SUBACK.
    func receiveSubscribe(_ subscribe: SubscribePacket, client: ConnectedClient, context: ChannelHandlerContext) {
        let identifier = subscribe.properties.subscriptionIdentifiers.first
        var codes: [ReasonCode] = []
        var retainedToSend: [(TopicFilter, SubscriptionOptions)] = []
        for request in subscribe.requests {
            let filter: TopicFilter
            do {
                filter = try TopicFilter(request.filter)
            } catch {
                logger.info("subscribe refused", metadata: ["mqtt.filter": "\(request.filter)", "reason": "\(error)"])
                codes.append(client.version == .v5 ? error.reasonCode : .unspecifiedError)
                continue
            }
            if filter.isShared, request.options.noLocal {
                close(context: context, reason: .protocolError, "No Local on shared subscription [MQTT-3.8.3-4]")
                return
            }
            guard client.identity.permissions.maySubscribe(request.filter) else {
                logger.info(
                    "subscribe refused: filter outside the login's permissions",
                    metadata: ["mqtt.filter": "\(request.filter)"])
                codes.append(client.version == .v5 ? .notAuthorized : .unspecifiedError)
                continue
            }
            let isNew = broker.subscribe(
                client.session, filter: filter, options: request.options, identifier: identifier)
            codes.append(ReasonCode(rawValue: request.options.qos.rawValue))
            let wantsRetained =
                switch request.options.retainHandling {
                case .sendOnSubscribe: true
                case .sendOnNewSubscribe: isNew
                case .doNotSend: false
                }
            if wantsRetained, !filter.isShared { retainedToSend.append((filter, request.options)) }
        }
        write(
            .suback(SubscriptionAcknowledgement(packetID: subscribe.packetID, reasonCodes: codes)),
            version: client.version, context: context)
        for (filter, options) in retainedToSend {
            broker.sendRetained(to: client.session, filter: filter, options: options, identifier: identifier)
        }
    }

    /// UNSUBSCRIBE (§3.10.4): 0x11 for a filter that had no subscription.
    func receiveUnsubscribe(_ unsubscribe: UnsubscribePacket, client: ConnectedClient, context: ChannelHandlerContext) {
        let codes = unsubscribe.filters.map { text -> ReasonCode in
            guard let filter = try? TopicFilter(text) else { return .topicFilterInvalid }
            return broker.unsubscribe(client.session, filter: filter) ? .success : .noSubscriptionExisted
        }
        write(
            .unsuback(SubscriptionAcknowledgement(packetID: unsubscribe.packetID, reasonCodes: codes)),
            version: client.version, context: context)
    }
}
