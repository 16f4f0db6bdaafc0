import Logging
import NIOCore

extension MQTTConnectionHandler {
    /// A PUBLISH from the client (§3.3.4): alias, permission and flow checks, then routing and,
    /// for QoS 1, a PUBACK once the platform has what it needs (in arrival order [MQTT-4.6.0-2]).
    func receivePublish(_ publish: PublishPacket, client: inout ConnectedClient, context: ChannelHandlerContext) {
        guard publish.properties.subscriptionIdentifiers.isEmpty else {
            close(
                context: context, reason: .protocolError,
                "PUBLISH from a client carries a subscription identifier [MQTT-3.3.4-6]")
            return
        }
        var topic = publish.topic
        if let alias = publish.properties.topicAlias {
            guard alias > 0, alias <= broker.configuration.topicAliasMaximum else {
                close(
                    context: context, reason: .topicAliasInvalid,
                    "topic alias \(alias) outside 1…\(broker.configuration.topicAliasMaximum) [MQTT-3.3.2-8]")
                return
            }
            if topic.isEmpty {
                guard let known = client.inboundAliases[alias] else {
                    close(context: context, reason: .protocolError, "topic alias \(alias) was never set [MQTT-3.3.4]")
                    return
                }
                topic = known
            } else {
                client.inboundAliases[alias] = topic
            }
        }
        guard let topicName = try? TopicName(topic) else {
            close(context: context, reason: .topicNameInvalid, "topic name '\(topic)' is invalid")
            return
        }
        // A QoS 2 resend of an identifier still awaiting PUBREL takes no new slot [MQTT-4.3.3-10].
        let (awaitingRelease, isResend) = client.session.state.withLock { state in
            (
                state.machine.awaitingRelease.count,
                publish.qos == .exactlyOnce && state.machine.awaitingRelease.contains(publish.packetID ?? 0)
            )
        }
        if publish.qos != .atMostOnce, client.version == .v5, !isResend,
            client.pendingAcknowledgements + awaitingRelease >= Int(broker.configuration.receiveMaximum)
        {
            close(
                context: context, reason: .receiveMaximumExceeded,
                "more than \(broker.configuration.receiveMaximum) QoS 1/2 publications unacknowledged [MQTT-3.3.4-7]")
            return
        }
        broker.statistics.messagesReceived.wrappingAdd(1, ordering: .relaxed)
        guard client.identity.permissions.mayPublish(topic) else {
            logger.info(
                "publish refused: topic outside the login's permissions",
                metadata: ["mqtt.topic": "\(topic)", "mqtt.reason_code": "\(ReasonCode.notAuthorized)"])
            acknowledgeRefused(publish, code: .notAuthorized, client: client, context: context)
            return
        }
        if publish.qos == .exactlyOnce, let id = publish.packetID {
            let isNew = client.session.state.withLock { $0.machine.receiveExactlyOnce(id) }
            if !isNew {  // a resend of one already routed: answer PUBREC again, route nothing [MQTT-4.3.3-10]
                write(.pubrec(PublishAcknowledgement(packetID: id)), version: client.version, context: context)
                return
            }
        }
        let message = ApplicationMessage(publish, topic: topic, publisher: client.identity.clientID, now: broker.now)
        let waiting = broker.publishHook?.received(message, from: client.identity, on: context.eventLoop)
        broker.route(message, topic: topicName, publisher: client.session)
        switch (publish.qos, publish.packetID) {
        case (.atLeastOnce, let id?):
            acknowledgeInOrder(id, after: waiting, client: &client, context: context)
        case (.exactlyOnce, let id?):
            write(.pubrec(PublishAcknowledgement(packetID: id)), version: client.version, context: context)
        default:
            break
        }
    }

    /// Answers a refused QoS 1/2 publish: MQTT 5 says why; 3.1.1 acknowledges and drops [MQTT-3.3.5-2].
    private func acknowledgeRefused(
        _ publish: PublishPacket, code: ReasonCode, client: ConnectedClient,
        context: ChannelHandlerContext
    ) {
        guard let id = publish.packetID else { return }
        let answer = PublishAcknowledgement(packetID: id, reasonCode: client.version == .v5 ? code : .success)
        write(
            publish.qos == .atLeastOnce ? .puback(answer) : .pubrec(answer), version: client.version, context: context)
    }

    /// Queues a PUBACK behind those before it; it goes out when its hook (and theirs) finished.
    private func acknowledgeInOrder(
        _ id: UInt16, after waiting: EventLoopFuture<Void>?, client: inout ConnectedClient,
        context: ChannelHandlerContext
    ) {
        guard let waiting else {
            if acknowledgementQueue.isEmpty {
                write(.puback(PublishAcknowledgement(packetID: id)), version: client.version, context: context)
            } else {
                acknowledgementQueue.append((id, .success))
            }
            return
        }
        acknowledgementQueue.append((id, nil))
        client.pendingAcknowledgements += 1
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        waiting.hop(to: context.eventLoop).whenComplete { result in
            let (handler, context) = bound.value
            let code: ReasonCode
            switch result {
            case .success: code = .success
            case .failure(let error as MQTTPublishRejection):
                handler.logger.info(
                    "publish rejected by the platform",
                    metadata: ["mqtt.reason_code": "\(error.reasonCode)", "reason": "\(error.message)"])
                code = error.reasonCode
            case .failure(let error):
                handler.logger.warning("publish failed in the platform", metadata: ["error": "\(error)"])
                code = .unspecifiedError
            }
            handler.settleAcknowledgement(id, code: code, context: context)
        }
    }

    private func settleAcknowledgement(_ id: UInt16, code: ReasonCode, context: ChannelHandlerContext) {
        guard case .connected(let client) = phase else { return }
        if let index = acknowledgementQueue.firstIndex(where: { $0.packetID == id && $0.outcome == nil }) {
            acknowledgementQueue[index].outcome = code
            client.pendingAcknowledgements -= 1
        }
        while let first = acknowledgementQueue.first, let outcome = first.outcome {
            acknowledgementQueue.removeFirst()
            let reason = client.version == .v5 ? outcome : .success
            write(
                .puback(PublishAcknowledgement(packetID: first.packetID, reasonCode: reason)),
                version: client.version, context: context)
        }
        phase = .connected(client)
        context.flush()
    }
}
