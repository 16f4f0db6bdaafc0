import GantryControl
import Testing

@Suite("Control wire")
struct ControlWireTests {
    @Test("a control topic names its enterprise, device and kind, and nothing else parses as one")
    func topics() throws {
        let topic = try #require(ControlTopic("gantry/control/qingdao-mine/loco-01-plc/report"))
        #expect(topic.enterprise == "qingdao-mine")
        #expect(topic.device == "loco-01-plc")
        #expect(topic.kind == .report)
        #expect(topic.kind.isFromDevice)
        #expect(topic.description == "gantry/control/qingdao-mine/loco-01-plc/report")
        #expect(ControlTopic("gantry/control/qingdao-mine/loco-01-plc/launch") == nil)
        #expect(ControlTopic("gantry/control/qingdao-mine//report") == nil)
        #expect(ControlTopic("qingdao-mine/underground/haulage/loco-01/speed") == nil)
        #expect(ControlTopic.deviceFilter(enterprise: "e", device: "d") == "gantry/control/e/d/#")
    }

    @Test("a command travels as JSON with bare values and comes back equal")
    func commandRoundTrip() throws {
        let command = DeviceCommand(
            id: "c1", equipment: "m/a/loco", name: "set_direction",
            args: ["direction": .text("forward"), "speed": .number(2.5), "applied": .bool(true)], sequence: 7,
            expiresAt: 2000, sentAt: 1000)
        let bytes = ControlWire.encode(command)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(#""applied":true"#))
        #expect(text.contains(#""speed":2.5"#))
        #expect(try ControlWire.decode(DeviceCommand.self, from: bytes) == command)
    }

    @Test("a malformed report is refused with a reason, not a crash")
    func malformedReport() throws {
        #expect(throws: ControlError.self) {
            try ControlWire.decode(DeviceCommandReport.self, from: Array(#"{"id":"c1","status":"maybe"}"#.utf8))
        }
        let report = DeviceCommandReport(id: "c1", sequence: 3, status: .rejected, reason: "expired", at: 5)
        #expect(try ControlWire.decode(DeviceCommandReport.self, from: ControlWire.encode(report)) == report)
    }
}
