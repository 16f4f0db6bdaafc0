/// Where an OPC UA server listens, from an `opc.tcp://host:port/path` URL (Part 6, 7.2): the host and port to
/// connect to, and the URL itself, which Hello and CreateSession quote.
public struct OPCUAEndpoint: Hashable, Sendable, CustomStringConvertible {
    /// The IANA port of OPC UA TCP, used when the URL names none.
    public static let defaultPort = 4840

    public let url: String
    public let host: String
    public let port: Int

    /// - Throws: `ConnectorError(.invalidConfiguration)` quoting the URL and naming what is wrong with it.
    public init(parsing url: String) throws(ConnectorError) {
        func refuse(_ reason: String) -> ConnectorError {
            ConnectorError(
                .invalidConfiguration, "endpoint '\(url)' is not an OPC UA URL (\(reason)); write opc.tcp://host:4840/")
        }
        let scheme = "opc.tcp://"
        guard url.lowercased().hasPrefix(scheme) else { throw refuse("it must start with opc.tcp://") }
        let rest = url.dropFirst(scheme.count)
        let authority = rest.prefix { $0 != "/" }
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw refuse("an IPv6 address without ']'") }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                portText = after.dropFirst()
            } else if !after.isEmpty {
                throw refuse("junk after ']'")
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty else { throw refuse("no host") }
        var port = Self.defaultPort
        if let portText {
            guard let number = Int(portText), (1...65_535).contains(number) else {
                throw refuse("the port is not a number from 1 to 65535")
            }
            port = number
        }
        self.url = url
        self.host = String(host)
        self.port = port
    }

    public var description: String { url }
}
