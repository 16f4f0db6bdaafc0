/// The four tables of the classic Modbus data model. Each has its own address space 0…65535, so a point is
/// named by its table and its address; the table decides which function code reads it.
public enum ModbusTable: String, Hashable, Sendable, Codable, CaseIterable {
    /// Read-write bits (FC1 read, FC5/FC15 write).
    case coil
    /// Read-only bits (FC2).
    case discreteInput
    /// Read-only 16-bit registers (FC4).
    case inputRegister
    /// Read-write 16-bit registers (FC3 read, FC6/FC16 write).
    case holdingRegister

    /// Whether the table holds bits (coils, discrete inputs) rather than 16-bit registers.
    public var holdsBits: Bool { self == .coil || self == .discreteInput }

    /// Whether a master may write it: coils and holding registers only.
    public var isWritable: Bool { self == .coil || self == .holdingRegister }

    /// The function code that reads this table.
    public var readFunction: ModbusFunctionCode {
        switch self {
        case .coil: .readCoils
        case .discreteInput: .readDiscreteInputs
        case .holdingRegister: .readHoldingRegisters
        case .inputRegister: .readInputRegisters
        }
    }

    /// The most items one read may ask for: 2000 bits or 125 registers (a PDU holds at most 253 bytes).
    public var maximumReadCount: Int { holdsBits ? 2000 : 125 }

    /// The table's name in plural words, for messages: `coils`, `input registers`.
    public var pluralName: String {
        switch self {
        case .coil: "coils"
        case .discreteInput: "discrete inputs"
        case .inputRegister: "input registers"
        case .holdingRegister: "holding registers"
        }
    }

    /// The short name plant engineers and the probe use: `coil`, `discrete`, `input`, `holding`.
    public var shortName: String {
        switch self {
        case .coil: "coil"
        case .discreteInput: "discrete"
        case .inputRegister: "input"
        case .holdingRegister: "holding"
        }
    }

    /// Reads a short name (`coil`, `discrete`, `input`, `holding`) or a raw value (`holdingRegister`).
    public init?(shortName: String) {
        if let table = Self.allCases.first(where: { $0.shortName == shortName || $0.rawValue == shortName }) {
            self = table
        } else {
            return nil
        }
    }
}
