import ArgumentParser
import Foundation
import GantryConnectors
import Logging

/// `gantry probe URL`: the field engineer's first tool. Asks a Modbus TCP device or an OPC UA server what it
/// holds, one value a line as `NAME = VALUE (QUALITY)`, before any connector is configured; exits non-zero with
/// the precise reason on any failure.
struct ProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Read, write, browse or follow a Modbus TCP device or an OPC UA server by hand.",
        discussion: """
            gantry probe modbus://HOST:PORT --unit 1 --read input:0:float32 --read coil:0 --write holding:12=7
            gantry probe opc.tcp://HOST:PORT --browse "ns=2;s=Machine1" --read "ns=2;s=Machine1.Temperature" \\
                --write "ns=2;s=Machine1.Setpoint=61.5" --subscribe "ns=2;s=Machine1.Temperature" --for 5s
            """)

    @Argument(help: "modbus://HOST[:PORT] or opc.tcp://HOST[:PORT][/PATH].")
    var url: String

    @Option(help: "Modbus unit id.")
    var unit: UInt8 = 1

    @Option(
        name: .customLong("read"),
        help: "Modbus TABLE:ADDRESS[:TYPE[:ORDER]] (tables coil, discrete, input, holding), or an OPC UA node id.")
    var reads: [String] = []

    @Option(name: .customLong("write"), help: "Modbus TABLE:ADDRESS[:TYPE]=VALUE, or OPC UA NODE=VALUE.")
    var writes: [String] = []

    @Option(name: .customLong("browse"), help: "OPC UA: list the node's references.")
    var browse: [String] = []

    @Option(name: .customLong("subscribe"), help: "OPC UA: follow the node's value changes.")
    var subscribe: [String] = []

    @Option(name: .customLong("for"), help: "OPC UA: how long to follow subscriptions, such as 5s or 500ms.")
    var duration: String = "5s"

    @Option(help: "OPC UA user name (the password comes from GANTRY_PROBE_PASSWORD); anonymous without it.")
    var user: String?

    @Option(help: "Seconds to wait for each answer.")
    var timeout: Double = 3

    func run() async throws {
        var logger = Logger(label: "gantry-probe")
        logger.logLevel = .warning
        do {
            if url.hasPrefix("modbus://") {
                try requireEmpty(browse, "--browse")
                try requireEmpty(subscribe, "--subscribe")
                let lines = try await ModbusProbe.run(
                    url: url, unit: unit, reads: reads, writes: writes, timeout: .milliseconds(Int(timeout * 1000)),
                    logger: logger)
                for line in lines { print(line) }
            } else if url.hasPrefix("opc.tcp://") {
                let identity: OPCUAIdentity
                if let user {
                    guard let password = ProcessInfo.processInfo.environment["GANTRY_PROBE_PASSWORD"] else {
                        throw ValidationError("--user needs the password in GANTRY_PROBE_PASSWORD")
                    }
                    identity = .userName(user, password: password)
                } else {
                    identity = .anonymous
                }
                try await OPCUAProbe.run(
                    endpoint: url, identity: identity, browse: browse, reads: reads, writes: writes,
                    subscribe: subscribe, duration: try CommandDuration.parse(duration, option: "--for"),
                    output: { print($0) },
                    logger: logger)
            } else {
                throw ValidationError("the URL must start with modbus:// or opc.tcp://, not '\(url)'")
            }
        } catch let error as ConnectorError {
            FileHandle.standardError.write(Data("gantry probe: \(error.message)\n".utf8))
            throw ExitCode(1)
        }
    }

    private func requireEmpty(_ values: [String], _ flag: String) throws {
        guard values.isEmpty else { throw ValidationError("\(flag) is for OPC UA servers, not Modbus devices") }
    }

}
