import GantryCore

/// The OPC UA status codes connectors put on readings when the device did not give one itself.
public enum ConnectorQuality {
    /// Bad_NotConnected (0x808A0000): the link to the device is down, the value is the last one known.
    public static let notConnected = Quality(statusCode: 0x808A_0000)
    /// Bad_Timeout (0x800A0000): the device did not answer the poll in time.
    public static let timeout = Quality(statusCode: 0x800A_0000)
    /// Bad_CommunicationError (0x80050000): the answer broke the protocol.
    public static let communicationError = Quality(statusCode: 0x8005_0000)
    /// Bad_NodeIdUnknown (0x80340000): the device says the address or node does not exist (Modbus exception 2).
    public static let addressUnknown = Quality(statusCode: 0x8034_0000)
    /// Bad_DeviceFailure (0x808B0000): the device reports a failure of its own (Modbus exception 4).
    public static let deviceFailure = Quality(statusCode: 0x808B_0000)
    /// Bad_OutOfRange (0x803C0000): a value that cannot be what it claims (NaN from a float register).
    public static let outOfRange = Quality(statusCode: 0x803C_0000)
}
