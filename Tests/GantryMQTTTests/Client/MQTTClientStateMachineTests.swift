import NIOCore
import Testing

@testable import GantryMQTT

/// The client's protocol logic without a socket: identifiers, the window, QoS 2, aliases.
@Suite struct MQTTClientStateMachineTests {
    typealias Machine = MQTTClientStateMachine<Int>

    func publish(_ qos: QoS, topic: String = "t") -> PublishPacket {
        PublishPacket(topic: topic, payload: ByteBuffer(string: "x"), qos: qos)
    }

    func sentID(_ step: Machine.Step) -> UInt16? {
        guard case .publish(let packet) = step.write else { return nil }
        return packet.packetID
    }

    func published(_ step: Machine.Step) -> (Int, ReasonCode)? {
        guard case .published(let ticket, let code) = step.settled else { return nil }
        return (ticket, code)
    }

    @Test func qos0GoesOutAndSettlesAtOnce() {
        var machine = Machine(version: .v5, maximumInFlight: 2, maximumQueued: 2, topicAliasMaximum: 0)
        let step = machine.publish(publish(.atMostOnce), ticket: 1)
        #expect(sentID(step) == nil)
        #expect(published(step)?.0 == 1)
        #expect(machine.inFlightCount == 0)
    }

    @Test func windowQueuesThenRefuses() {
        var machine = Machine(version: .v5, maximumInFlight: 2, maximumQueued: 1, topicAliasMaximum: 0)
        #expect(sentID(machine.publish(publish(.atLeastOnce), ticket: 1)) == 1)
        #expect(sentID(machine.publish(publish(.atLeastOnce), ticket: 2)) == 2)
        let queued = machine.publish(publish(.atLeastOnce), ticket: 3)
        #expect(queued.write == nil && queued.settled == nil)
        guard case .failed(4, let error) = machine.publish(publish(.atLeastOnce), ticket: 4).settled else {
            Issue.record("a fourth publish should fail")
            return
        }
        #expect(error.code == .queueFull)
        // PUBACK of 2 settles ticket 2 with its code and sends ticket 3's publish with identifier 3.
        let step = machine.receive(.puback(PublishAcknowledgement(packetID: 2, reasonCode: .noMatchingSubscribers)))
        #expect(published(step)?.0 == 2)
        #expect(published(step)?.1 == .noMatchingSubscribers)
        #expect(step.next?.packetID == 3)
        #expect(machine.inFlightCount == 2 && machine.queuedCount == 0)
    }

    @Test func brokersReceiveMaximumNarrowsTheWindow() {
        var machine = Machine(version: .v5, maximumInFlight: 64, maximumQueued: 10, topicAliasMaximum: 0)
        var connack = ConnackPacket()
        connack.properties.receiveMaximum = 1
        machine.connected(connack)
        #expect(sentID(machine.publish(publish(.atLeastOnce), ticket: 1)) == 1)
        #expect(machine.publish(publish(.atLeastOnce), ticket: 2).write == nil)
        #expect(machine.window == 1)
    }

    @Test func qos2HandshakeSendsPubrelThenSettlesOnPubcomp() {
        var machine = Machine(version: .v5, maximumInFlight: 4, maximumQueued: 4, topicAliasMaximum: 0)
        #expect(sentID(machine.publish(publish(.exactlyOnce), ticket: 7)) == 1)
        let received = machine.receive(.pubrec(PublishAcknowledgement(packetID: 1)))
        #expect(received.write == .pubrel(PublishAcknowledgement(packetID: 1)))
        #expect(received.settled == nil)
        let completed = machine.receive(.pubcomp(PublishAcknowledgement(packetID: 1)))
        #expect(published(completed)?.0 == 7)
        #expect(machine.inFlightCount == 0)
    }

    @Test func refusingPubrecEndsTheFlight() {
        var machine = Machine(version: .v5, maximumInFlight: 4, maximumQueued: 4, topicAliasMaximum: 0)
        _ = machine.publish(publish(.exactlyOnce), ticket: 7)
        let step = machine.receive(.pubrec(PublishAcknowledgement(packetID: 1, reasonCode: .notAuthorized)))
        #expect(step.write == nil)
        #expect(published(step)?.1 == .notAuthorized)
    }

    @Test func inboundQoS2IsDeliveredOnceUntilReleased() {
        var machine = Machine(version: .v5, maximumInFlight: 4, maximumQueued: 4, topicAliasMaximum: 0)
        var packet = publish(.exactlyOnce)
        packet.packetID = 9
        let first = machine.receive(.publish(packet))
        #expect(first.write == .pubrec(PublishAcknowledgement(packetID: 9)))
        #expect(first.deliver != nil)
        packet.duplicate = true
        let again = machine.receive(.publish(packet))
        #expect(again.write == .pubrec(PublishAcknowledgement(packetID: 9)))
        #expect(again.deliver == nil)
        #expect(
            machine.receive(.pubrel(PublishAcknowledgement(packetID: 9))).write
                == .pubcomp(PublishAcknowledgement(packetID: 9)))
        #expect(
            machine.receive(.pubrel(PublishAcknowledgement(packetID: 9))).write
                == .pubcomp(PublishAcknowledgement(packetID: 9, reasonCode: .packetIdentifierNotFound)))
    }

    @Test func inboundQoS1IsAcknowledged() {
        var machine = Machine(version: .v311, maximumInFlight: 4, maximumQueued: 4, topicAliasMaximum: 0)
        var packet = publish(.atLeastOnce)
        packet.packetID = 3
        let step = machine.receive(.publish(packet))
        #expect(step.write == .puback(PublishAcknowledgement(packetID: 3)))
        #expect(step.deliver?.topic == "t")
    }

    @Test func topicAliasesResolve() {
        var machine = Machine(version: .v5, maximumInFlight: 4, maximumQueued: 4, topicAliasMaximum: 2)
        var packet = publish(.atMostOnce, topic: "plant/a")
        packet.properties.topicAlias = 1
        #expect(machine.receive(.publish(packet)).deliver?.topic == "plant/a")
        packet.topic = ""
        #expect(machine.receive(.publish(packet)).deliver?.topic == "plant/a")
        packet.properties.topicAlias = 2
        #expect(machine.receive(.publish(packet)).violation != nil)  // never set
        packet.properties.topicAlias = 3
        packet.topic = "plant/b"
        #expect(machine.receive(.publish(packet)).violation != nil)  // above the maximum
    }

    @Test func subscribeAndUnsubscribeGetIdentifiersAndAnswers() {
        var machine = Machine(version: .v311, maximumInFlight: 4, maximumQueued: 4, topicAliasMaximum: 0)
        _ = machine.publish(publish(.atLeastOnce), ticket: 1)
        let request = SubscribePacket.Request(filter: "a/#", options: SubscriptionOptions(qos: .atLeastOnce))
        let step = machine.request(.subscribe(SubscribePacket(packetID: 0, requests: [request])), ticket: 2)
        guard case .subscribe(let sent) = step.write else {
            Issue.record("SUBSCRIBE expected")
            return
        }
        #expect(sent.packetID == 2)
        let answer = machine.receive(.suback(SubscriptionAcknowledgement(packetID: 2, reasonCodes: [.grantedQoS1])))
        guard case .answered(2, let codes) = answer.settled else {
            Issue.record("SUBACK should answer ticket 2")
            return
        }
        #expect(codes == [.grantedQoS1])
        _ = machine.request(.unsubscribe(UnsubscribePacket(packetID: 0, filters: ["a/#", "b"])), ticket: 3)
        guard
            case .answered(3, let unsubscribed) = machine.receive(
                .unsuback(SubscriptionAcknowledgement(packetID: 3, reasonCodes: []))
            ).settled
        else {
            Issue.record("UNSUBACK should answer ticket 3")
            return
        }
        #expect(unsubscribed == [.success, .success])  // 3.1.1 UNSUBACK has no codes
    }

    @Test func closeFailsEverythingPending() {
        var machine = Machine(version: .v5, maximumInFlight: 1, maximumQueued: 4, topicAliasMaximum: 0)
        _ = machine.publish(publish(.atLeastOnce), ticket: 1)
        _ = machine.publish(publish(.atLeastOnce), ticket: 2)
        let tickets = machine.close(MQTTClientError(.connectionClosed, "test"))
        #expect(tickets.sorted() == [1, 2])
        #expect(machine.inFlightCount == 0 && machine.queuedCount == 0)
    }
}
