import Foundation

extension OPCUANodeId {
    /// Reads the standard text form (`i=85`, `ns=2;s=Machine1.Temperature`, `ns=1;g=<uuid>`, `ns=1;b=<base64>`),
    /// as configurations and the CLI write it.
    ///
    /// - Throws: `ConnectorError(.invalidConfiguration)` quoting the text and saying which part is wrong.
    public init(parsing text: String) throws(ConnectorError) {
        func refuse(_ reason: String) -> ConnectorError {
            ConnectorError(
                .invalidConfiguration,
                "'\(text)' is not an OPC UA NodeId (\(reason)); write it as i=85 or ns=2;s=Machine1.Temperature")
        }
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        var namespace: UInt16 = 0
        if rest.hasPrefix("ns=") {
            guard let semicolon = rest.firstIndex(of: ";") else { throw refuse("no ';' after the namespace") }
            guard let index = UInt16(rest[rest.index(rest.startIndex, offsetBy: 3)..<semicolon]) else {
                throw refuse("the namespace index is not a number from 0 to 65535")
            }
            namespace = index
            rest = rest[rest.index(after: semicolon)...]
        }
        guard rest.count >= 2, rest.dropFirst().first == "=" else { throw refuse("no i=, s=, g= or b= identifier") }
        let value = String(rest.dropFirst(2))
        switch rest.first {
        case "i":
            guard let number = UInt32(value) else { throw refuse("the numeric identifier is not a UInt32") }
            self.init(namespace: namespace, .numeric(number))
        case "s":
            guard !value.isEmpty else { throw refuse("the string identifier is empty") }
            self.init(namespace: namespace, .string(value))
        case "g":
            guard let uuid = UUID(uuidString: value) else { throw refuse("the GUID is malformed") }
            self.init(namespace: namespace, .guid(uuid))
        case "b":
            guard let data = Data(base64Encoded: value) else { throw refuse("the opaque identifier is not base64") }
            self.init(namespace: namespace, .opaque(Array(data)))
        default:
            throw refuse("unknown identifier type '\(rest.first.map { String($0) } ?? "")'")
        }
    }
}
