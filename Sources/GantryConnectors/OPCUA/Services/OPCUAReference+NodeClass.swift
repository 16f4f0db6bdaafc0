/// The node class names of Part 3, 5.2.3, as engineers read them in a browser.
extension OPCUAReference {
    /// `Object`, `Variable`, `Method`, …; `NodeClass N` for a value the standard does not name.
    public var nodeClassName: String {
        let names: [Int32: String] = [
            1: "Object", 2: "Variable", 4: "Method", 8: "ObjectType", 16: "VariableType", 32: "ReferenceType",
            64: "DataType", 128: "View",
        ]
        return names[nodeClass] ?? "NodeClass \(nodeClass)"
    }
}
