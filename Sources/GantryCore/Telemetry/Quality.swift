/// How far a value can be trusted, as OPC UA status codes say it: good, uncertain or bad, with a sub-code
/// naming the reason (sensor failure, last usable value, out of range, ...).
///
/// Kept as the 32-bit OPC UA StatusCode so values from OPC UA servers pass through unchanged and other
/// protocols map onto the same scale.
public struct Quality: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The OPC UA StatusCode: bits 31–30 the severity, bits 29–16 the sub-code.
    public let statusCode: UInt32

    /// The three severities of OPC UA.
    public enum Severity: String, Sendable, Codable, CaseIterable {
        case good
        case uncertain
        case bad
    }

    public init(statusCode: UInt32) {
        self.statusCode = statusCode
    }

    /// A quality of `severity` with a sub-code (0 for none).
    public init(_ severity: Severity, subCode: UInt16 = 0) {
        let top: UInt32 =
            switch severity {
            case .good: 0x0000_0000
            case .uncertain: 0x4000_0000
            case .bad: 0x8000_0000
            }
        self.statusCode = top | (UInt32(subCode & 0x3FFF) << 16)
    }

    public static let good = Quality(.good)

    /// The severity, from the top two bits (both set counts as bad, as OPC UA reserves it).
    public var severity: Severity {
        switch statusCode >> 30 {
        case 0: .good
        case 1: .uncertain
        default: .bad
        }
    }

    /// The reason within the severity.
    public var subCode: UInt16 { UInt16((statusCode >> 16) & 0x3FFF) }

    /// Reads `good`, `uncertain` or `bad`, optionally with a sub-code as in `bad(3)`: the form
    /// ``description`` writes.
    public init?(parsing text: String) {
        var name = Substring(text)
        var subCode: UInt16 = 0
        if let open = text.firstIndex(of: "("), text.hasSuffix(")") {
            guard let code = UInt16(text[text.index(after: open)..<text.index(before: text.endIndex)]), code <= 0x3FFF
            else { return nil }
            name = text[..<open]
            subCode = code
        }
        guard let severity = Severity(rawValue: String(name)) else { return nil }
        self.init(severity, subCode: subCode)
    }

    public var description: String {
        subCode == 0 ? severity.rawValue : "\(severity.rawValue)(\(subCode))"
    }
}
