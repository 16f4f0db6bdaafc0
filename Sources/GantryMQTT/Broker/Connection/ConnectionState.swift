/// Where one broker connection stands, from the first byte to the close.
enum ConnectionPhase {
    /// Waiting for CONNECT [MQTT-3.1.0-1].
    case awaitingConnect
    /// CONNECT read; the authenticator is deciding. Bytes that arrive meanwhile are kept.
    case authenticating
    /// CONNACK sent; packets flow.
    case connected(ConnectedClient)
    /// A DISCONNECT was sent or received; nothing more is read.
    case closing
}

/// What a connected client is: its session, its identity and the per-connection MQTT 5 state.
///
/// A class, so that taking it out of `ConnectionPhase` for each packet copies one reference
/// rather than every string, dictionary and will property it holds.
final class ConnectedClient {
    let session: Session
    let outlet: SessionOutlet
    let identity: MQTTClientIdentity
    let version: ProtocolVersion
    var will: ConnectPacket.Will?
    /// Topic aliases the client set towards the broker (§3.3.2.3.4).
    var inboundAliases: [UInt16: String] = [:]
    /// Topic aliases the broker set towards the client, if the client allows any.
    var outboundAliases: [String: UInt16] = [:]
    let outboundAliasMaximum: UInt16
    /// QoS 1 publications whose PUBACK waits for the platform (durable ingest), oldest first.
    var pendingAcknowledgements = 0
    /// Whether DISCONNECT arrived, so the will is discarded [MQTT-3.1.2-10].
    var disconnectedGracefully = false

    init(
        session: Session, outlet: SessionOutlet, identity: MQTTClientIdentity, version: ProtocolVersion,
        will: ConnectPacket.Will?, outboundAliasMaximum: UInt16
    ) {
        self.session = session
        self.outlet = outlet
        self.identity = identity
        self.version = version
        self.will = will
        self.outboundAliasMaximum = outboundAliasMaximum
    }
}
