import GantryAlarms
import GantryCore
import Testing

@Suite struct AlarmFloodMeterTests {
    let day: Int64 = 1_800_000_000_000 / 86_400_000 * 86_400_000
    let minute: Int64 = 60_000
    let haulage = OperatorPosition(name: "haulage-desk", areas: [try! AssetPath("qingdao-mine/underground")])
    let water = OperatorPosition(name: "water-desk", areas: [try! AssetPath("qingdao-mine/surface/water")])

    private func annunciation(
        at time: Int64, on asset: AssetPath = Plant.loco, from: AlarmState = .normal
    )
        -> JournalEntry
    {
        JournalEntry(
            alarmID: "a", ruleID: "a", asset: asset, from: from, to: .activeUnacknowledged, time: time,
            cause: .condition, priority: .low, message: "m")
    }

    @Test(arguments: [
        (6, AlarmLoad.veryLikelyAcceptable), (7, .manageable), (12, .manageable), (13, .overDemanding),
    ])
    func theAverageRateIsRatedAgainstTheBenchmarks(perHour: Int, load: AlarmLoad) throws {
        var meter = AlarmFloodMeter(positions: [haulage])
        for index in 0..<perHour {
            meter.record(annunciation(at: day + Int64(index) * 3_600_000 / Int64(perHour)))
        }
        let report = try #require(meter.report(position: "haulage-desk", from: day, to: day + 3_600_000))
        #expect(report.annunciations == perHour && report.periods == 6)
        #expect(report.averagePerTenMinutes == Double(perHour) / 6)
        #expect(report.load == load)
        #expect(report.floodPeriods == 0 && report.percentInFlood == 0)
    }

    @Test func moreThanTenInTenMinutesIsAFlood() throws {
        var meter = AlarmFloodMeter(positions: [haulage, water])
        for index in 0..<10 { meter.record(annunciation(at: day + 10 * minute + Int64(index) * minute)) }
        #expect(!meter.isFlooding(position: "haulage-desk", now: day + 19 * minute))
        meter.record(annunciation(at: day + 19 * minute + 30_000))
        #expect(meter.isFlooding(position: "haulage-desk", now: day + 19 * minute + 59_000))
        #expect(meter.recentCount(position: "haulage-desk", now: day + 19 * minute) == 11)
        #expect(!meter.isFlooding(position: "haulage-desk", now: day + 30 * minute))
        #expect(!meter.isFlooding(position: "water-desk", now: day + 19 * minute))

        let report = try #require(meter.report(position: "haulage-desk", from: day, to: day + 86_400_000))
        #expect(report.periods == 144 && report.floodPeriods == 1 && report.peakPerTenMinutes == 11)
        #expect(abs(report.percentInFlood - 100.0 / 144) < 1e-9)
        #expect(report.load == .veryLikelyAcceptable, "11 a day is a low average despite the flood")
    }

    @Test func onlyAnnunciationsToCoveredAreasCount() throws {
        var meter = AlarmFloodMeter(positions: [haulage, water])
        meter.record([
            annunciation(at: day), annunciation(at: day, on: Plant.pump),
            annunciation(at: day, from: .returnedUnacknowledged),
            JournalEntry(
                alarmID: "a", ruleID: "a", asset: Plant.loco, from: .activeUnacknowledged, to: .activeAcknowledged,
                time: day, cause: .acknowledge, priority: .low, message: "m"),
            annunciation(at: day, on: try AssetPath("qingdao-mine/surface/power")),
        ])
        let reports = meter.reports(from: day, to: day + 600_000)
        #expect(reports.map(\.position) == ["haulage-desk", "water-desk"])
        #expect(reports.map(\.annunciations) == [2, 1])
    }

    @Test func anAlarmInTwoPositionsAreasCountsForBoth() throws {
        let shift = OperatorPosition(name: "shift-lead", areas: [try AssetPath("qingdao-mine")])
        var meter = AlarmFloodMeter(positions: [haulage, shift])
        meter.record(annunciation(at: day))
        #expect(meter.reports(from: day, to: day + 600_000).map(\.annunciations) == [1, 1])
    }
}
