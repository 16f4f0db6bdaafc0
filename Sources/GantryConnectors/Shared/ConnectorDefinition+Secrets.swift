/// A connector's password is written, never read back: the API shows the definition without it, and a save
/// that leaves it empty keeps the one stored (so an engineer can edit a poll rate without retyping it).
extension ConnectorDefinition {
    /// The definition with any password emptied.
    public var withoutSecrets: ConnectorDefinition {
        var copy = self
        if case .userName(let name, _) = opcua?.identity { copy.opcua?.identity = .userName(name, password: "") }
        return copy
    }

    /// This definition, with an empty password taken from `stored` when it logs in as the same user.
    public func keepingSecrets(of stored: ConnectorDefinition?) -> ConnectorDefinition {
        guard case .userName(let name, let password) = opcua?.identity, password.isEmpty,
            case .userName(name, let kept) = stored?.opcua?.identity
        else { return self }
        var copy = self
        copy.opcua?.identity = .userName(name, password: kept)
        return copy
    }
}
