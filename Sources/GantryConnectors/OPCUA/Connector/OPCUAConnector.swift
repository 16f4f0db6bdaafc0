import Foundation
import GantryCore
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// One supervised OPC UA device: connects, subscribes to the configured nodes and delivers every data change to
/// the sink; when the link is lost it marks every point Bad_NotConnected, says so, and reconnects with backoff,
/// recreating the session and the subscription.
///
/// Run it in the platform's `ServiceGroup`; `run()` returns on graceful shutdown or cancellation.
public final class OPCUAConnector: Service, Sendable {
    public let configuration: OPCUAConnectorConfiguration
    /// What the console and `/metrics` show: link, requests, errors, reconnects, readings, last latency.
    public let status = ConnectorStatusBoard()
    let clientConfiguration: OPCUAClientConfiguration
    let sink: any ConnectorSink
    let logger: Logger
    let group: any EventLoopGroup
    let items: [OPCUAMonitoredItem]
    /// The connected client, for writes; `nil` while the link is down.
    let current = Mutex<OPCUAClient?>(nil)
    /// The last value of each point, delivered again with Bad_NotConnected when the link is lost.
    let lastValues = Mutex<[String: SampleValue]>([:])

    /// - Throws: `ConnectorError(.invalidConfiguration)` naming the field, from `configuration.validate()`.
    public init(
        configuration: OPCUAConnectorConfiguration, sink: any ConnectorSink,
        clientConfiguration: OPCUAClientConfiguration = OPCUAClientConfiguration(), logger: Logger,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) throws(ConnectorError) {
        try configuration.validate()
        self.configuration = configuration
        self.items = try configuration.monitoredItems()
        self.sink = sink
        self.clientConfiguration = clientConfiguration
        self.logger = logger
        self.group = group
    }

    public func run() async {
        await cancelWhenGracefulShutdown { await self.supervise() }
        status.update {
            $0.link = .offline
            $0.reason = "stopped"
        }
    }

    /// Connect, subscribe, publish until the link fails; then report, wait and start over.
    private func supervise() async {
        var backoff = ReconnectBackoff(
            initialMilliseconds: configuration.reconnectInitialMilliseconds,
            maximumMilliseconds: configuration.reconnectMaximumMilliseconds)
        var random = SystemRandomNumberGenerator()
        var connectedBefore = false
        var reportedOnline: Bool?
        while !Task.isCancelled {
            status.update { $0.link = .connecting }
            do throws(ConnectorError) {
                let client = try await OPCUAClient.connect(
                    endpoint: configuration.endpoint, identity: configuration.identity,
                    configuration: clientConfiguration, status: status, logger: logger, group: group)
                let outcome = await follow(client, connectedBefore: &connectedBefore, reportedOnline: &reportedOnline)
                if reportedOnline == true { backoff.succeeded() }
                if let outcome { throw outcome }
            } catch {
                guard !Task.isCancelled else { break }
                logger.warning(
                    "OPC UA link down",
                    metadata: ["opcua.endpoint": "\(configuration.endpoint)", "opcua.error": "\(error.message)"])
                status.update {
                    $0.link = .offline
                    $0.reason = error.message
                }
                if reportedOnline != false {
                    await markNotConnected()
                    await sink.linkChanged(online: false, reason: error.message)
                    reportedOnline = false
                }
                try? await Task.sleep(for: backoff.failed(using: &random))
            }
        }
    }

    /// Subscribes on a fresh connection and delivers until it fails; returns the failure, `nil` if cancelled.
    private func follow(
        _ client: OPCUAClient, connectedBefore: inout Bool, reportedOnline: inout Bool?
    ) async -> ConnectorError? {
        var failure: ConnectorError?
        do throws(ConnectorError) {
            let subscription = try await client.subscribe(
                items, publishingInterval: .milliseconds(configuration.publishingIntervalMilliseconds))
            current.withLock { $0 = client }
            let reconnected = connectedBefore
            connectedBefore = true
            status.update {
                $0.link = .online
                $0.reason = nil
                if reconnected { $0.reconnects += 1 }
            }
            reportedOnline = true
            await sink.linkChanged(online: true, reason: nil)
            try await client.publish(subscription) { values in await self.deliver(values) }
        } catch {
            failure = error
        }
        current.withLock { $0 = nil }
        await client.close()
        return Task.isCancelled ? nil : failure ?? ConnectorError(.unreachable, "the OPC UA publish loop ended")
    }

    private func deliver(_ values: [OPCUAMonitoredValue]) async {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let readings = values.map { $0.reading(receivedAt: now) }
        lastValues.withLock { last in
            for reading in readings { last[reading.name] = reading.point.value }
        }
        status.update { $0.readings += readings.count }
        await sink.deliver(readings)
    }

    /// One Bad_NotConnected reading per point, with its last known value (0.0 for a point never read).
    private func markNotConnected() async {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let last = lastValues.withLock { $0 }
        let readings = items.map { item in
            PointReading(
                name: item.name,
                point: TelemetryPoint(
                    timestamp: now, value: last[item.name] ?? .double(0), quality: ConnectorQuality.notConnected))
        }
        status.update { $0.readings += readings.count }
        await sink.deliver(readings)
    }
}
