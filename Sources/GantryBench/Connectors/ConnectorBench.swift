import Foundation
import GantryConnectors
import GantryCore
import Histogram
import Logging
import Synchronization

/// `gantry bench connectors`: Gantry's Modbus and OPC UA clients against the pymodbus and asyncua peers of
/// `../shared/peers`, each beside the peer's own client library in the same run (pymodbus's client polling the
/// same block, asyncua's client subscribed to the same nodes), and the time from a peer's restart to good data
/// flowing again through Gantry's supervised connectors.
public enum ConnectorBench {
    public struct Options: Sendable {
        /// `../shared/peers`, with the servers.
        public var peers: String
        /// `scripts/bench`, with the baseline clients.
        public var scripts: String
        public var seconds: Double
        public var restarts: Int

        public init(peers: String, scripts: String, seconds: Double = 10, restarts: Int = 3) {
            self.peers = peers
            self.scripts = scripts
            self.seconds = seconds
            self.restarts = restarts
        }
    }

    /// Polls per second of one client, with its latency when Gantry measured it.
    public struct PollRate: Sendable {
        public let polls: Int
        public let seconds: Double
        public let errors: Int
        public let p50Microseconds: UInt64?
        public let p99Microseconds: UInt64?
        public var perSecond: Double { Double(polls) / max(seconds, 0.001) }
    }

    public struct Result: Sendable {
        public let modbusGantry: PollRate
        public let modbusPymodbus: PollRate
        public let opcuaGantryPerSecond: Double
        public let opcuaAsyncuaPerSecond: Double
        /// Peer restarted (listening again) → the first good reading through the connector, milliseconds.
        public let modbusRecoveryMilliseconds: [Double]
        public let opcuaRecoveryMilliseconds: [Double]
    }

    public static func run(_ options: Options, print: @escaping @Sendable (String) -> Void) async throws -> Result {
        var logger = Logger(label: "gantry-bench-connectors")
        logger.logLevel = .critical
        let modbusPort = try freePort()
        let modbus = try await PeerProcess.start(
            script: options.peers + "/modbus_server.py", port: modbusPort, arguments: ["--period", "1.0"])
        print("pymodbus server on 127.0.0.1:\(modbusPort); \(options.seconds) s per client, one request in flight")
        let gantryPolls = try await pollWithGantry(port: modbusPort, seconds: options.seconds, logger: logger)
        print(String(format: "  Gantry ModbusClient   %8.0f polls/s", gantryPolls.perSecond))
        let pymodbusPolls = try await pollWithPymodbus(options, port: modbusPort)
        print(String(format: "  pymodbus client       %8.0f polls/s", pymodbusPolls.perSecond))
        print("  Modbus restart → good data through the connector:")
        let modbusRecovery = try await recoveries(
            options, peer: modbus, print: print,
            connector: { sink in
                try ModbusConnector(
                    configuration: ModbusConnectorConfiguration(
                        host: "127.0.0.1", port: modbusPort, timeoutMilliseconds: 500, reconnectInitialMilliseconds: 50,
                        reconnectMaximumMilliseconds: 500,
                        groups: [
                            ModbusPollGroup(
                                name: "bench", scanRateMilliseconds: 50,
                                points: [ModbusPoint(name: "counter", table: .inputRegister, address: 2, type: .uint32)]
                            )
                        ]),
                    sink: sink, logger: logger)
            })
        await modbus.stop()

        let opcuaPort = try freePort()
        let opcua = try await PeerProcess.start(
            script: options.peers + "/opcua_server.py", port: opcuaPort, arguments: ["--period", "0.01"])
        let endpoint = "opc.tcp://127.0.0.1:\(opcuaPort)/"
        let nodes = ["ns=2;s=Machine1.Temperature", "ns=2;s=Machine1.PartCount"]
        print(
            "asyncua server on \(endpoint), values changing every 10 ms; subscriptions at 10 ms publishing, 0 ms sampling"
        )
        let opcuaConfiguration = OPCUAConnectorConfiguration(
            endpoint: endpoint, publishingIntervalMilliseconds: 10,
            points: nodes.enumerated().map {
                .init(name: "p\($0.offset)", node: $0.element, samplingIntervalMilliseconds: 0)
            },
            reconnectInitialMilliseconds: 50, reconnectMaximumMilliseconds: 500)
        let gantryNotifications = try await notificationsWithGantry(
            opcuaConfiguration, seconds: options.seconds, logger: logger)
        print(String(format: "  Gantry OPCUAConnector %8.0f notifications/s", gantryNotifications))
        let asyncuaNotifications = try await notificationsWithAsyncua(options, endpoint: endpoint, nodes: nodes)
        print(String(format: "  asyncua client        %8.0f notifications/s", asyncuaNotifications))
        print("  OPC UA restart → good data through the connector (session and subscription made again):")
        let opcuaRecovery = try await recoveries(
            options, peer: opcua, print: print,
            connector: { sink in try OPCUAConnector(configuration: opcuaConfiguration, sink: sink, logger: logger) })
        await opcua.stop()
        return Result(
            modbusGantry: gantryPolls, modbusPymodbus: pymodbusPolls, opcuaGantryPerSecond: gantryNotifications,
            opcuaAsyncuaPerSecond: asyncuaNotifications, modbusRecoveryMilliseconds: modbusRecovery,
            opcuaRecoveryMilliseconds: opcuaRecovery)
    }
}
