import NIOCore
import Testing

@testable import GantryConnectors

/// The transaction state machine, driven directly: ids, the in-flight window, matching, strays, timeouts.
@Suite struct ModbusTransactionsTests {
    typealias Machine = ModbusTransactions<String>
    static let read = ModbusRequest.read(.inputRegister, address: 0, count: 2)

    static func answer(
        _ id: UInt16, unit: UInt8 = 1, _ response: ModbusResponse = .registers(.inputRegister, [1, 2])
    )
        -> ModbusFrame
    {
        ModbusFrame(transactionID: id, unitID: unit, response: response)
    }

    static func sent(_ submitted: Machine.Submitted) -> ModbusFrame? {
        if case .send(let frame) = submitted { return frame }
        return nil
    }

    @Test func pipelinesUpToTheWindowAndQueuesTheRest() throws {
        var machine = Machine(maximumInFlight: 2)
        let first = try #require(Self.sent(machine.submit(Self.read, unitID: 1, ticket: "a")))
        let second = try #require(Self.sent(machine.submit(Self.read, unitID: 1, ticket: "b")))
        #expect(first.transactionID != second.transactionID)
        guard case .queued = machine.submit(Self.read, unitID: 1, ticket: "c") else {
            Issue.record("a third request waits for the window")
            return
        }
        guard case .answered(let ticket, let response, let next) = machine.receive(Self.answer(second.transactionID))
        else {
            Issue.record("the second answer matches")
            return
        }
        #expect(ticket == "b" && response == .registers(.inputRegister, [1, 2]))
        #expect(next.count == 1 && machine.inFlightCount == 2 && machine.queuedCount == 0)
    }

    @Test func aStrayTransactionIdIsAViolation() throws {
        var machine = Machine(maximumInFlight: 1)
        let frame = try #require(Self.sent(machine.submit(Self.read, unitID: 1, ticket: "a")))
        guard case .violation(let error) = machine.receive(Self.answer(frame.transactionID &+ 1)) else {
            Issue.record("a stray id must be refused")
            return
        }
        #expect(error.code == .protocolViolation)
        #expect(error.message == "a response with transaction id \(frame.transactionID &+ 1), which no request has")
        #expect(machine.close() == ["a"])
    }

    @Test(arguments: [
        (answer(1, unit: 2), "transaction 1 was sent to unit 1, answered by unit 2"),
        (answer(1, .registers(.inputRegister, [1])), "transaction 1: byte count 2 for 2 registers, expected 4"),
        (
            answer(1, .registers(.holdingRegister, [1, 2])),
            "transaction 1: function 3 answers read input registers (4)"
        ),
        (
            ModbusFrame(transactionID: 1, unitID: 1, pdu: Hex.buffer("0405")),
            "transaction 1: read input registers (4) response announces a byte count of 5 but carries 0 data bytes"
        ),
    ])
    func anAnswerThatDoesNotFitIsAViolation(frame: ModbusFrame, message: String) throws {
        var machine = Machine(maximumInFlight: 1)
        _ = machine.submit(Self.read, unitID: 1, ticket: "a")
        guard case .violation(let error) = machine.receive(frame) else {
            Issue.record("must be refused")
            return
        }
        #expect(error == ConnectorError(.protocolViolation, message))
    }

    @Test func aLateAnswerAfterATimeoutIsDropped() throws {
        var machine = Machine(maximumInFlight: 1)
        let late = try #require(Self.sent(machine.submit(Self.read, unitID: 1, ticket: "a")))
        guard case .queued = machine.submit(Self.read, unitID: 1, ticket: "b") else { return }
        let timedOut = machine.timedOut(late.transactionID)
        let (pending, next) = try #require(timedOut)
        #expect(pending.ticket == "a" && next.count == 1)
        #expect(next[0].transactionID != late.transactionID)
        guard case .ignored = machine.receive(Self.answer(late.transactionID)) else {
            Issue.record("a late answer is dropped")
            return
        }
        guard case .answered("b", _, _) = machine.receive(Self.answer(next[0].transactionID)) else {
            Issue.record("the next answer still matches")
            return
        }
        let again = machine.timedOut(late.transactionID)
        #expect(again == nil, "an answered or abandoned transaction cannot time out twice")
    }

    @Test func idsWrapAndSkipThoseInUse() throws {
        var machine = Machine(maximumInFlight: 2)
        let held = try #require(Self.sent(machine.submit(Self.read, unitID: 1, ticket: "held")))
        for _ in 0..<70_000 {
            let frame = try #require(Self.sent(machine.submit(Self.read, unitID: 1, ticket: "x")))
            #expect(frame.transactionID != held.transactionID)
            guard case .answered = machine.receive(Self.answer(frame.transactionID)) else {
                Issue.record("answer \(frame.transactionID) matches")
                return
            }
        }
    }
}
