import GantryCore

/// A ``SampleValue`` in JSON as `{"double": 1.5}`, `{"int": 3}`, `{"bool": true}` or `{"string": "down"}`,
/// so that an integer and a double stay apart. GantryCore's value carries no coding of its own.
struct CodedSampleValue: Codable {
    var value: SampleValue

    init(_ value: SampleValue) { self.value = value }

    private enum CodingKeys: String, CodingKey { case double, int, bool, string }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let double = try container.decodeIfPresent(Double.self, forKey: .double) {
            value = .double(double)
        } else if let int = try container.decodeIfPresent(Int64.self, forKey: .int) {
            value = .int(int)
        } else if let bool = try container.decodeIfPresent(Bool.self, forKey: .bool) {
            value = .bool(bool)
        } else {
            value = .string(try container.decode(String.self, forKey: .string))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch value {
        case .double(let double): try container.encode(double, forKey: .double)
        case .int(let int): try container.encode(int, forKey: .int)
        case .bool(let bool): try container.encode(bool, forKey: .bool)
        case .string(let string): try container.encode(string, forKey: .string)
        }
    }
}
