extension ConnectorError.Code {
    /// The call was given up before an answer came: its task was cancelled or the OPC UA client was closed.
    public static let cancelled = ConnectorError.Code("cancelled")
}
