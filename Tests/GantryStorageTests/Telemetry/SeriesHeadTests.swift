import GantryCore
import GantryStorage
import Testing

/// The per-series head: late points merge in order, the last write wins, clocks out of bounds are refused.
@Suite struct SeriesHeadTests {
    let now: Int64 = 1_790_000_000_000

    func head() -> SeriesHead<DoublePoint> { SeriesHead(outOfOrderWindow: 60_000, futureBound: 5_000) }

    @Test func latePointsMergeInOrderAndDuplicatesKeepTheLastWrite() throws {
        var head = head()
        for (offset, value) in [(0, 1.0), (2000, 3.0), (1000, 2.0), (4000, 5.0), (3000, 4.0), (2000, 30.0)] {
            try head.insert(DoublePoint(timestamp: now + Int64(offset), value: value), now: now)
        }
        #expect(head.points.map(\.timestamp) == [0, 1000, 2000, 3000, 4000].map { now + $0 })
        #expect(head.points.map(\.value) == [1, 2, 30, 4, 5])
    }

    @Test func pointsBeyondTheBoundsAreRefusedWithAReason() throws {
        var head = head()
        try head.insert(DoublePoint(timestamp: now, value: 1), now: now)
        #expect(throws: TelemetryError.self) { try head.insert(DoublePoint(timestamp: now + 6000, value: 1), now: now) }
        do {
            try head.insert(DoublePoint(timestamp: now - 61_000, value: 1), now: now)
            Issue.record("a point outside the window was merged")
        } catch {
            #expect(error.code == .tooLate)
            #expect(error.message.contains("61 s older than the newest"))
        }
        try head.insert(DoublePoint(timestamp: now - 60_000, value: 7), now: now)
        #expect(head.points.count == 2)
    }

    @Test func drainingHandsOverTheOldestPoints() throws {
        var head = head()
        for second in 0..<10 {
            let timestamp = now + Int64(second) * 1000
            try head.insert(DoublePoint(timestamp: timestamp, value: Double(second)), now: timestamp)
        }
        let old = head.drain(before: now + 4000)
        #expect(old.map(\.value) == [0, 1, 2, 3])
        #expect(head.points.first?.value == 4)
        #expect(head.drainAll().count == 6)
        #expect(head.points.isEmpty)
    }
}
