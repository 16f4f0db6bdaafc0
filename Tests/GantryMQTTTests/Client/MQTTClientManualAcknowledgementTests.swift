import GantryMQTT
import GantryTesting
import NIOCore
import Synchronization
import Testing

@testable import GantryMQTT

/// Manual acknowledgement: PUBACK waits for the application (external broker mode acknowledges only what is
/// durable), leaves in arrival order, and what was never acknowledged is delivered again with the session.
@Suite(.timeLimit(.minutes(1)))
struct MQTTClientManualAcknowledgementTests {
    typealias Machine = MQTTClientStateMachine<Int>

    func inbound(_ id: UInt16) -> Packet {
        .publish(PublishPacket(topic: "t", payload: ByteBuffer(string: "x"), qos: .atLeastOnce, packetID: id))
    }

    @Test func pubacksWaitAndLeaveInArrivalOrder() {
        var machine = Machine(
            version: .v5, maximumInFlight: 4, maximumQueued: 4, topicAliasMaximum: 0, acknowledgesManually: true)
        for id: UInt16 in [7, 8, 9] {
            let step = machine.receive(inbound(id))
            #expect(step.write == nil, "no PUBACK before the application says so")
            #expect(step.deliver?.packetID == id)
        }
        #expect(machine.acknowledge(8, reasonCode: .success).isEmpty, "8 waits for 7")
        #expect(
            machine.acknowledge(7, reasonCode: .payloadFormatInvalid) == [
                .puback(PublishAcknowledgement(packetID: 7, reasonCode: .payloadFormatInvalid)),
                .puback(PublishAcknowledgement(packetID: 8)),
            ])
        #expect(machine.acknowledge(7, reasonCode: .success).isEmpty, "acknowledged once")
        #expect(machine.unacknowledgedCount == 1)
        #expect(machine.acknowledge(9, reasonCode: .success) == [.puback(PublishAcknowledgement(packetID: 9))])
    }

    @Test func automaticAcknowledgementIsUnchanged() {
        var machine = Machine(version: .v5, maximumInFlight: 4, maximumQueued: 4, topicAliasMaximum: 0)
        #expect(machine.receive(inbound(3)).write == .puback(PublishAcknowledgement(packetID: 3)))
        #expect(machine.unacknowledgedCount == 0)
    }

    @Test func aBrokerBeyondOurReceiveMaximumBreaksTheProtocol() {
        var machine = Machine(
            version: .v5, maximumInFlight: 4, maximumQueued: 4, topicAliasMaximum: 0, acknowledgesManually: true,
            receiveMaximum: 2)
        _ = machine.receive(inbound(1))
        _ = machine.receive(inbound(2))
        #expect(machine.receive(inbound(3)).violation != nil)
    }

    @Test func unacknowledgedMessageIsDeliveredAgainWithTheSession() async throws {
        try await MosquittoBroker.with { broker in
            let held = Mutex<[EventLoopPromise<Void>]>([])
            // The connection's loop, known once connected; messages come only after SUBSCRIBE.
            let loop = Mutex<(any EventLoop)?>(nil)
            let (arrivals, arrived) = AsyncStream.makeStream(of: String.self)
            let configuration = MQTTClientConfiguration(
                clientID: "manual-ack", cleanStart: false, sessionExpiry: 300, receiveMaximum: 16)
            // First connection: the message arrives, and the application holds on to it.
            let holder = try await MQTTClient.connect(port: broker.port, configuration: configuration) { message in
                arrived.yield(String(buffer: message.payload))
                guard let promise = loop.withLock({ $0 })?.makePromise(of: Void.self) else { return nil }
                held.withLock { $0.append(promise) }
                return promise.futureResult
            }
            loop.withLock { $0 = holder.eventLoop }
            #expect(try await holder.subscribe(to: "client/manual", qos: .atLeastOnce) == .grantedQoS1)
            let publisher = try await MQTTClient.connect(
                port: broker.port, configuration: MQTTClientConfiguration(clientID: "manual-pub"))
            #expect(
                try await publisher.publish(to: "client/manual", payload: ByteBuffer(string: "kept"), qos: .atLeastOnce)
                    == .success)
            var seen = arrivals.makeAsyncIterator()
            #expect(await seen.next() == "kept")
            await holder.disconnect()
            for promise in held.withLock({ $0 }) { promise.succeed() }  // too late: the connection is gone

            // Second connection, same session: the broker sends it again; this time it is acknowledged.
            let (again, arrivedAgain) = AsyncStream.makeStream(of: PublishPacket.self)
            let taker = try await MQTTClient.connect(port: broker.port, configuration: configuration) { message in
                arrivedAgain.yield(message)
                return nil
            }
            #expect(taker.connack.sessionPresent)
            var redelivered = again.makeAsyncIterator()
            let message = await redelivered.next()
            #expect(message.map { String(buffer: $0.payload) } == "kept")
            #expect(message?.duplicate == true)
            await taker.disconnect()

            // Third connection: nothing left to deliver. A fresh publish proves the connection is live.
            let (last, arrivedLast) = AsyncStream.makeStream(of: String.self)
            let checker = try await MQTTClient.connect(port: broker.port, configuration: configuration) { message in
                arrivedLast.yield(String(buffer: message.payload))
                return loop.withLock { $0 }?.makeSucceededVoidFuture()
            }
            try await publisher.publish(to: "client/manual", payload: ByteBuffer(string: "fresh"), qos: .atLeastOnce)
            var latest = last.makeAsyncIterator()
            #expect(await latest.next() == "fresh", "the acknowledged message was not sent a third time")
            await checker.disconnect()
            await publisher.disconnect()
        }
    }
}
