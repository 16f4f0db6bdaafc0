import GantryConnectors
import GantryTesting
import Synchronization
import Testing

/// The CLI's probe against the real asyncua server: one line per result, `NAME = VALUE (QUALITY)`.
@Suite struct OPCUAProbeTests {
    @Test func probeBrowsesReadsWritesAndFollows() async throws {
        try await ProtocolPeer.with(.opcua) { peer in
            let lines = Mutex<[String]>([])
            try await OPCUAProbe.run(
                endpoint: "opc.tcp://127.0.0.1:\(peer.port)", browse: ["ns=2;s=Machine1"],
                reads: ["ns=2;s=Machine1.Running"], writes: ["ns=2;s=Machine1.Setpoint=61.5"],
                subscribe: ["ns=2;s=Machine1.Temperature"], duration: .seconds(1),
                output: { line in lines.withLock { $0.append(line) } }, logger: quietLogger)
            let output = lines.withLock { $0 }
            #expect(output.contains("2:Temperature = ns=2;s=Machine1.Temperature (Variable)"))
            #expect(output.contains("2:Multiply = ns=2;s=Machine1.Multiply (Method)"))
            #expect(output.contains("ns=2;s=Machine1.Running = true (good)"))
            #expect(output.contains("ns=2;s=Machine1.Setpoint = 61.5 (good)"))
            #expect(output.contains { $0.hasPrefix("ns=2;s=Machine1.Temperature = ") && $0.hasSuffix(" (good)") })
        }
    }

    @Test func probeFailsPreciselyOnARefusedWrite() async throws {
        _ = try await ProtocolPeer.with(.opcua) { peer in
            await #expect {
                try await OPCUAProbe.run(
                    endpoint: "opc.tcp://127.0.0.1:\(peer.port)", writes: ["ns=2;s=Machine1.Temperature=1.0"],
                    output: { _ in }, logger: quietLogger)
            } throws: { error in
                guard let error = error as? ConnectorError else { return false }
                return error.code == .refused && error.message.contains("ns=2;s=Machine1.Temperature")
            }
        }
    }

    @Test func probeRefusesABadWriteArgument() async {
        await #expect {
            try await OPCUAProbe.run(
                endpoint: "opc.tcp://127.0.0.1:1", writes: ["ns=2;s=Setpoint"], output: { _ in }, logger: quietLogger)
        } throws: { error in
            (error as? ConnectorError)?.code == .invalidConfiguration
        }
    }
}
