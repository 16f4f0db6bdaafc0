import GantryCore
import Logging

/// `gantry probe modbus://HOST:PORT`: reads and writes a few addresses of a device by hand, to check wiring,
/// unit id and word order before a connector is configured. The CLI parses its flags and prints the lines.
public enum ModbusProbe {
    /// Connects to `url` (`modbus://HOST[:PORT]`, port 502 by default), performs `writes`
    /// (`TABLE:ADDRESS[:TYPE[:ORDER]]=VALUE`) and then `reads` (`TABLE:ADDRESS[:TYPE[:ORDER]]`, see
    /// `ModbusProbeTarget`) on `unit`, and returns one line per operation: `input:0:float32 = 61.25 (good)`
    /// for a read, `holding:12:uint16 = 7 (written)` for a write.
    ///
    /// - Throws: `ConnectorError` on the first failure: `.invalidConfiguration` for an argument that does not
    ///   parse, `.unreachable`, `.timeout`, `.refused` for an exception (`illegal data address at holding 0 …`).
    public static func run(
        url: String, unit: UInt8, reads: [String], writes: [String], timeout: Duration = .seconds(3), logger: Logger
    ) async throws(ConnectorError) -> [String] {
        let (host, port) = try parse(url: url)
        let readTargets = try reads.map { (text) throws(ConnectorError) in try ModbusProbeTarget(parsing: text) }
        let writeTargets = try writes.map { (text) throws(ConnectorError) in try parse(write: text) }
        let client = try await ModbusClient.connect(
            host: host, port: port, options: .init(timeout: timeout, connectTimeout: timeout), logger: logger)
        do {
            var lines: [String] = []
            for (target, value) in writeTargets {
                try await client.write(target.point, value: value, unit: unit)
                lines.append("\(target.name) = \(format(value, of: target.point)) (written)")
            }
            for target in readTargets {
                let block = ModbusRequestPlanner().plan([target.point])[0]
                let answer = try await client.perform(block.request, unit: unit)
                let (value, quality) = block.value(of: target.point, in: answer.response)
                lines.append("\(target.name) = \(format(value, of: target.point)) (\(quality))")
            }
            await client.close()
            return lines
        } catch {
            await client.close()
            throw error
        }
    }

    /// `modbus://HOST[:PORT]`, with an IPv6 host in brackets.
    static func parse(url: String) throws(ConnectorError) -> (host: String, port: Int) {
        guard url.hasPrefix("modbus://") else {
            throw ConnectorError(.invalidConfiguration, "\"\(url)\": a Modbus URL starts with modbus://")
        }
        var rest = Substring(url.dropFirst("modbus://".count))
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        var host = rest
        var port = 502
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("]") {
            host = rest[..<colon]
            guard let number = Int(rest[rest.index(after: colon)...]), (1...65_535).contains(number) else {
                throw ConnectorError(.invalidConfiguration, "\"\(url)\": the port is not a number 1…65535")
            }
            port = number
        }
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        guard !host.isEmpty else { throw ConnectorError(.invalidConfiguration, "\"\(url)\": no host") }
        return (String(host), port)
    }

    /// `TARGET=VALUE`, the value read as the target's type says.
    static func parse(write text: String) throws(ConnectorError) -> (ModbusProbeTarget, SampleValue) {
        guard let equals = text.firstIndex(of: "=") else {
            throw ConnectorError(.invalidConfiguration, "\"\(text)\": expected TABLE:ADDRESS[:TYPE]=VALUE")
        }
        let target = try ModbusProbeTarget(parsing: String(text[..<equals]))
        let raw = String(text[text.index(after: equals)...])
        let value: SampleValue?
        switch target.point.type {
        case .bool:
            value =
                ["true", "on", "1"].contains(raw)
                ? .bool(true) : ["false", "off", "0"].contains(raw) ? .bool(false) : nil
        case .string: value = .string(raw)
        case .float32, .float64: value = Double(raw).map(SampleValue.double)
        default: value = Int64(raw).map(SampleValue.int) ?? Double(raw).map(SampleValue.double)
        }
        guard let value else {
            throw ConnectorError(
                .invalidConfiguration, "\"\(text)\": \"\(raw)\" is not a \(target.point.type.rawValue) value")
        }
        return (target, value)
    }

    /// A value as a person reads it: a float32 with float32's digits (`61.25`, not `61.2500000001`), text quoted.
    static func format(_ value: SampleValue, of point: ModbusPoint) -> String {
        if case .double(let number) = value, point.type == .float32, point.scale == 1, point.offset == 0 {
            return "\(Float(number))"
        }
        return value.text
    }
}
