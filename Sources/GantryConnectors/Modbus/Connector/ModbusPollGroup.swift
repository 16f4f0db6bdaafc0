/// Points read together from one unit id at one scan rate: a fast group for the process values a loop
/// watches, a slow one for counters and nameplate strings.
public struct ModbusPollGroup: Hashable, Sendable {
    /// Unique within a connector; named in errors and logs.
    public var name: String
    /// The unit id the group's requests carry (behind a gateway, the serial device; else often 1 or 255).
    public var unitID: Int
    /// How often the group is read, milliseconds; at least 10.
    public var scanRateMilliseconds: Int
    /// Unused addresses a request may span to join two points (0: never read an address no point needs).
    public var maximumGap: Int
    public var points: [ModbusPoint]

    public init(
        name: String, unitID: Int = 1, scanRateMilliseconds: Int = 1000, maximumGap: Int = 0, points: [ModbusPoint]
    ) {
        self.name = name
        self.unitID = unitID
        self.scanRateMilliseconds = scanRateMilliseconds
        self.maximumGap = maximumGap
        self.points = points
    }

    /// The reads one poll of the group makes.
    public var plan: [ModbusReadBlock] {
        ModbusRequestPlanner(maximumGap: maximumGap).plan(points)
    }
}

extension ModbusPollGroup: Codable {
    private enum CodingKeys: String, CodingKey {
        case name, unitID, scanRateMilliseconds, maximumGap, points
    }

    /// Reads a group; `unitID` (1), `scanRateMilliseconds` (1000) and `maximumGap` (0) may be left out.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try values.decode(String.self, forKey: .name),
            unitID: try values.decodeIfPresent(Int.self, forKey: .unitID) ?? 1,
            scanRateMilliseconds: try values.decodeIfPresent(Int.self, forKey: .scanRateMilliseconds) ?? 1000,
            maximumGap: try values.decodeIfPresent(Int.self, forKey: .maximumGap) ?? 0,
            points: try values.decode([ModbusPoint].self, forKey: .points))
    }
}
