import GantryMQTT

extension Platform {
    /// Whether `mqtt.broker` names an external broker: then the built-in broker listens nowhere.
    public var usesExternalBroker: Bool { (try? configuration.externalBroker) != nil }

    /// The service that subscribes at the external broker named by `mqtt.broker`, or `nil` with the
    /// built-in broker. Run it beside `ingest`.
    ///
    /// For `mqtts://` the TLS files (`mqtt.brokerCA`, `mqtt.brokerCertificate`, `mqtt.brokerPrivateKey`) are
    /// read here, so a missing or unusable one stops the start rather than every connection attempt.
    ///
    /// - Parameters:
    ///   - clientID: overrides `mqtt.brokerClientID` (tests run two nodes on one platform).
    ///   - hostsSparkplug: overrides `sparkplug.host`.
    /// - Throws: `ConfigurationError` naming the TLS key whose file cannot be used.
    public func makeExternalBrokerBridge(
        clientID: String? = nil, hostsSparkplug: Bool? = nil
    ) throws(ConfigurationError) -> ExternalBrokerBridge? {
        guard let address = try configuration.externalBroker else { return nil }
        var logger = self.logger
        logger[metadataKey: "subsystem"] = "mqtt"
        return ExternalBrokerBridge(
            address: address, tls: try configuration.externalBrokerTLS(), group: configuration.mqttBrokerGroup,
            clientID: clientID ?? configuration.externalBrokerClientID,
            hostsSparkplug: hostsSparkplug ?? configuration.sparkplugHost, ingest: ingest, sparkplug: sparkplug,
            nodes: SparkplugNodeDirectory(store: store, createTags: configuration.ingestCreateTags, logger: logger),
            createTags: configuration.ingestCreateTags, logger: logger,
            backoff: ReconnectBackoff(maximum: .seconds(configuration.mqttBrokerRetryMaximumSeconds)))
    }
}
