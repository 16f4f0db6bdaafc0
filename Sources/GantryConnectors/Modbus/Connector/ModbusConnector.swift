import GantryCore
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// A supervised link to one Modbus TCP device: polls each group at its scan rate and hands the readings to
/// the platform, for as long as the service group runs.
///
/// When the link is lost (the device hangs up, breaks the protocol, or leaves every request of a group
/// unanswered three polls in a row, as a half-open connection after a power loss does), every
/// point is delivered once with `ConnectorQuality.notConnected` and its last known value, the sink hears
/// `linkChanged(online: false, reason:)`, and the connector reconnects with `ReconnectBackoff`; the sink hears
/// `linkChanged(online: true, …)` when data flows again. `status` counts what a field engineer asks first.
public final class ModbusConnector: Service, Sendable {
    public let configuration: ModbusConnectorConfiguration
    /// The link's state and counters, for `/metrics` and the console.
    public let status: ConnectorStatusBoard
    let sink: any ConnectorSink
    let logger: Logger
    let eventLoopGroup: any EventLoopGroup
    /// Each group's reads, planned once.
    let plans: [[ModbusReadBlock]]
    /// The connection while the link is up; the Control road writes through it.
    let connection = Mutex<ModbusClient?>(nil)
    /// The last good value of each point, delivered again with bad quality when a read fails.
    let lastValues = Mutex<[String: SampleValue]>([:])

    /// A connector for `configuration`, which is validated first.
    ///
    /// - Throws: `ConnectorError(.invalidConfiguration)` naming the group, point and field at fault.
    public init(
        configuration: ModbusConnectorConfiguration, sink: any ConnectorSink, status: ConnectorStatusBoard = .init(),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, logger: Logger
    ) throws(ConnectorError) {
        try configuration.validate()
        self.configuration = configuration
        self.sink = sink
        self.status = status
        self.eventLoopGroup = eventLoopGroup
        var logger = logger
        logger[metadataKey: "modbus.device"] = "\(configuration.host):\(configuration.port)"
        self.logger = logger
        self.plans = configuration.groups.map(\.plan)
    }

    /// Connects, polls, and reconnects after every loss, until the task is cancelled or the service group
    /// shuts down gracefully.
    public func run() async throws {
        await cancelWhenGracefulShutdown { await self.superviseLink() }
    }

    private func superviseLink() async {
        var backoff = ReconnectBackoff(
            initialMilliseconds: Int64(configuration.reconnectInitialMilliseconds),
            maximumMilliseconds: Int64(configuration.reconnectMaximumMilliseconds))
        var random = SystemRandomNumberGenerator()
        var connectedBefore = false
        var reportedOffline = false
        while !Task.isCancelled {
            do {
                let client = try await ModbusClient.connect(
                    host: configuration.host, port: configuration.port, options: configuration.clientOptions,
                    group: eventLoopGroup, logger: logger)
                backoff.succeeded()
                connection.withLock { $0 = client }
                status.update { status in
                    status.link = .online
                    status.reason = nil
                    if connectedBefore { status.reconnects += 1 }
                }
                logger.info("Modbus link up")
                connectedBefore = true
                reportedOffline = false
                await sink.linkChanged(online: true, reason: nil)
                let reason = await serve(client)
                connection.withLock { $0 = nil }
                if Task.isCancelled { break }
                await linkLost(reason)
                reportedOffline = true
            } catch {
                if !reportedOffline {
                    await linkLost(error.message)
                    reportedOffline = true
                }
            }
            try? await Task.sleep(for: backoff.failed(using: &random))
        }
        status.update { status in
            status.link = .offline
            status.reason = "stopped"
        }
    }

    /// Marks every point `notConnected` with its last known value, and the link offline.
    private func linkLost(_ reason: String) async {
        logger.info("Modbus link down", metadata: ["modbus.reason": "\(reason)"])
        let now = Timestamp.now.millisecondsSinceEpoch
        let known = lastValues.withLock { $0 }
        let readings = configuration.groups.flatMap(\.points).map { point in
            PointReading(
                name: point.name,
                point: TelemetryPoint(
                    timestamp: now, value: known[point.name] ?? point.placeholderValue,
                    quality: ConnectorQuality.notConnected))
        }
        status.update { status in
            status.link = .offline
            status.reason = reason
            status.readings += readings.count
        }
        await sink.deliver(readings)
        await sink.linkChanged(online: false, reason: reason)
    }
}
