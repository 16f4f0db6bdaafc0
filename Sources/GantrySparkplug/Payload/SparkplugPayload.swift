import SwiftProtobuf

/// The Sparkplug B payload as generated from `Proto/sparkplug_b.proto`, under a name that reads in Gantry.
public typealias SparkplugPayload = Org_Eclipse_Tahu_Protobuf_Payload

extension SparkplugPayload {
    /// Decodes payload bytes received on a Sparkplug topic.
    ///
    /// Unknown fields are kept by the generated code, so a newer edge node's additions do not fail here.
    public init(bytes: [UInt8]) throws(SparkplugError) {
        do {
            self = try SparkplugPayload(serializedBytes: bytes)
        } catch {
            throw SparkplugError(
                .malformedPayload, "payload of \(bytes.count) bytes is not a Sparkplug B payload: \(error)")
        }
    }

    /// The protobuf wire bytes of this payload, to publish.
    ///
    /// Every field is `optional` or `repeated` and nothing is required, so encoding cannot fail.
    public var bytes: [UInt8] {
        try! serializedBytes()
    }
}
