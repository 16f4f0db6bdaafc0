import Logging
import NIOCore

extension MQTTConnectionHandler {
    /// Checks CONNECT, asks the authenticator, then answers CONNACK (§3.1.4).
    func beginConnect(_ connect: ConnectPacket, context: ChannelHandlerContext) {
        var connect = connect
        logger[metadataKey: "mqtt.client_id"] = "\(connect.clientID)"
        logger[metadataKey: "mqtt.version"] = "\(connect.version)"
        if let maximum = connect.properties.maximumPacketSize { clientMaximumPacketSize = Int(maximum) }
        if connect.clientID.isEmpty {
            guard connect.cleanStart || connect.version == .v5 else {
                // 3.1.1 allows an empty identifier only with Clean Session [MQTT-3.1.3-8].
                refuseConnect(
                    .clientIdentifierNotValid, "empty client identifier without clean session",
                    version: connect.version, context: context)
                return
            }
            connect.clientID = "gantry-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
            connect.properties.assignedClientIdentifier = connect.clientID
        }
        if let method = connect.properties.authenticationMethod {
            refuseConnect(
                .badAuthenticationMethod, "extended authentication '\(method)' is not offered",
                version: connect.version, context: context)
            return
        }
        if let will = connect.will, (try? TopicName(will.topic)) == nil {
            refuseConnect(
                .topicNameInvalid, "will topic '\(will.topic)' is not a valid topic name",
                version: connect.version, context: context)
            return
        }
        phase = .authenticating
        let login = MQTTLogin(
            clientID: connect.clientID, username: connect.username, password: connect.password,
            version: connect.version,
            certificateSubject: trustsClientCertificates ? Self.certificateCommonName(of: context.channel) : nil)
        let authenticator = broker.authenticator
        let promise = context.eventLoop.makePromise(of: MQTTLoginDecision.self)
        promise.completeWithTask { await authenticator.authenticate(login) }
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        let accepted = connect
        promise.futureResult.whenSuccess { decision in
            let (handler, context) = bound.value
            handler.finishConnect(accepted, decision: decision, context: context)
        }
    }

    private func finishConnect(_ connect: ConnectPacket, decision: MQTTLoginDecision, context: ChannelHandlerContext) {
        guard case .authenticating = phase, context.channel.isActive else { return }
        let identity: String
        let permissions: TopicPermissions
        var attachment: (any Sendable)?
        switch decision {
        case .refused(let code, let reason):
            refuseConnect(code, "login refused: \(reason)", version: connect.version, context: context)
            return
        case .accepted(let name, let granted, let attached):
            identity = name
            permissions = granted
            attachment = attached
        case .sandboxed(let name):
            guard let sandbox = broker.sandbox else {
                refuseConnect(.notAuthorized, "anonymous logins are off", version: connect.version, context: context)
                return
            }
            broker = sandbox
            identity = name
            permissions = .unrestricted
        }
        if let will = connect.will, !permissions.mayPublish(will.topic) {
            refuseConnect(
                .notAuthorized, "will topic '\(will.topic)' is outside the login's topics",
                version: connect.version, context: context)
            return
        }
        let configuration = broker.configuration
        var connack = ConnackPacket()
        var expiry: UInt32
        switch connect.version {
        case .v311: expiry = connect.cleanStart ? 0 : .max
        case .v5: expiry = connect.properties.sessionExpiryInterval ?? 0
        }
        if expiry > configuration.maximumSessionExpiry {
            expiry = configuration.maximumSessionExpiry
            if connect.version == .v5 { connack.properties.sessionExpiryInterval = expiry }
        }
        var keepAlive = connect.keepAlive
        if connect.version == .v5, keepAlive == 0 || keepAlive > configuration.serverKeepAliveCap {
            keepAlive = configuration.serverKeepAliveCap
            connack.properties.serverKeepAlive = keepAlive
        }
        if connect.version == .v5 {
            connack.properties.receiveMaximum = configuration.receiveMaximum
            connack.properties.maximumPacketSize = UInt32(configuration.maximumPacketSize)
            connack.properties.topicAliasMaximum = configuration.topicAliasMaximum
            connack.properties.assignedClientIdentifier = connect.properties.assignedClientIdentifier
        }
        let link = SessionStateMachine.Link(
            version: connect.version, receiveMaximum: Int(connect.properties.receiveMaximum ?? 65_535),
            maximumPacketSize: Int(connect.properties.maximumPacketSize ?? 268_435_460))
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        let outlet = SessionOutlet(
            eventLoop: context.eventLoop,
            sink: { packets in
                let (handler, context) = bound.value
                handler.writeDeliveries(packets, context: context)
            },
            close: { reason in
                let (handler, context) = bound.value
                handler.close(context: context, reason: reason)
            })
        // CONNACK goes out before anything the session had queued [MQTT-3.2.0-1].
        let attached = broker.attach(
            clientID: connect.clientID, cleanStart: connect.cleanStart, expiryInterval: expiry, link: link,
            outlet: outlet)
        connack.sessionPresent = attached.sessionPresent
        write(.connack(connack), version: connect.version, context: context)
        context.flush()
        let client = ConnectedClient(
            session: attached.session, outlet: outlet,
            identity: MQTTClientIdentity(
                clientID: connect.clientID, identity: identity, permissions: permissions, attachment: attachment),
            version: connect.version, will: connect.will,
            outboundAliasMaximum: connect.properties.topicAliasMaximum ?? 0)
        phase = .connected(client)
        broker.statistics.connectedClients.wrappingAdd(1, ordering: .relaxed)
        broker.publishHook?.connected(client.identity)
        logger[metadataKey: "mqtt.login"] = "\(identity)"
        logger.debug("client connected", metadata: ["mqtt.session_present": "\(attached.sessionPresent)"])
        if keepAlive > 0 {
            let timeout = TimeAmount.milliseconds(Int64(keepAlive) * 1500)
            try? context.pipeline.syncOperations.addHandler(IdleStateHandler(readTimeout: timeout), position: .first)
        }
        processPackets(context: context)
        context.flush()
    }

    /// Answers CONNECT with a refusal and closes [MQTT-3.2.2-6]; 3.1.1 gets its nearest return code.
    func refuseConnect(_ code: ReasonCode, _ message: String, version: ProtocolVersion, context: ChannelHandlerContext)
    {
        broker.statistics.connectionsRefused.wrappingAdd(1, ordering: .relaxed)
        logger.info("connection refused", metadata: ["mqtt.reason_code": "\(code)", "reason": "\(message)"])
        phase = .closing
        var connack = ConnackPacket(reasonCode: code)
        if version == .v5 { connack.properties.reasonString = message }
        if Packet.connack(connack).encoded(version: version).readableBytes > clientMaximumPacketSize {
            connack.properties.reasonString = nil  // the reason string is the first thing to go [MQTT-3.2.2-19]
        }
        write(.connack(connack), version: version, context: context)
        context.flush()
        context.close(promise: nil)
    }
}
