import Testing

@testable import GantrySparkplug

@Suite struct SparkplugTopicTests {
    static let node = SparkplugEdgeNodeID(group: "plant", node: "line-1")

    @Test(arguments: [
        ("spBv1.0/plant/NBIRTH/line-1", SparkplugTopic.node(.nodeBirth, node)),
        ("spBv1.0/plant/NDATA/line-1", .node(.nodeData, node)),
        ("spBv1.0/plant/NDEATH/line-1", .node(.nodeDeath, node)),
        ("spBv1.0/plant/NCMD/line-1", .node(.nodeCommand, node)),
        ("spBv1.0/plant/DBIRTH/line-1/press", .device(.deviceBirth, node, device: "press")),
        ("spBv1.0/plant/DDATA/line-1/press", .device(.deviceData, node, device: "press")),
        ("spBv1.0/plant/DDEATH/line-1/press", .device(.deviceDeath, node, device: "press")),
        ("spBv1.0/plant/DCMD/line-1/press", .device(.deviceCommand, node, device: "press")),
        ("spBv1.0/STATE/gantry", .state(hostID: "gantry")),
    ])
    func parsesAndFormatsBackTheSameText(text: String, topic: SparkplugTopic) throws {
        #expect(try SparkplugTopic(parsing: text) == topic)
        #expect(topic.description == text)
    }

    @Test(arguments: [
        "spAv1.0/plant/NDATA/line-1",  // another namespace
        "spBv1.0/plant/NDATA",  // no node
        "spBv1.0/plant/NDATA/line-1/press",  // a node message with a device
        "spBv1.0/plant/DDATA/line-1",  // a device message without one
        "spBv1.0/plant/DDATA/line-1/press/extra",
        "spBv1.0/plant/NFOO/line-1",  // unknown type
        "spBv1.0/plant//line-1",  // empty level
        "spBv1.0/plant/NDATA/+",  // wildcard
        "spBv1.0/STATE/gantry/extra",
        "",
    ])
    func rejectsWithATypedError(text: String) {
        do {
            _ = try SparkplugTopic(parsing: text)
            Issue.record("'\(text)' parsed")
        } catch {
            #expect(error.code == .invalidTopic)
            #expect(!error.message.isEmpty)
        }
    }

    @Test func exposesTypeAndNode() throws {
        let topic = try SparkplugTopic(parsing: "spBv1.0/plant/DDATA/line-1/press")
        #expect(topic.messageType == .deviceData)
        #expect(topic.edgeNode == Self.node)
        #expect(SparkplugTopic.state(hostID: "h").edgeNode == nil)
    }
}
