import GantryCore
import GantryStorage
import GantryTesting
import Testing

extension TelemetryContractTests {
    @Test(
        "points, series types, newest timestamps and waveforms survive close and reopen",
        arguments: TelemetryBackend.available)
    func dataSurvivesReopen(backend: TelemetryBackend) async throws {
        let flow = contractTag("hall-9/boiler/flow")
        let state = contractTag("hall-9/boiler/state")
        let vibration = contractTag("hall-9/boiler/vibration")
        let batch = [
            SeriesPoints(tag: flow, points: [point(0, .double(1.25)), point(T.minute, .double(2.5), Quality(.bad))]),
            SeriesPoints(tag: state, points: [point(30 * T.second, .string("firing"))]),
        ]
        let block = Waveform(tag: vibration, start: T.base, sampleRate: 25_600, values: [0.5, -0.25, 3e-7, 1e30])
        try await backend.withReopenableStore { handle in
            let first = await handle.store
            try await first.append(batch)
            try await first.append(waveforms: [block])
            let store = try await handle.reopen()
            await expectRefusal(.closed, "the closed store") { _ = try await first.latest([flow]) }

            #expect(try await rawPoints(store, flow, T.range(0, T.hour)) == batch[0].points)
            #expect(try await rawPoints(store, state, T.range(0, T.hour)) == batch[1].points)
            #expect(try await store.latest([flow, state]).map(\.points) == [[batch[0].points[1]], batch[1].points])
            #expect(try await store.waveforms(vibration, in: T.range(0, T.hour), limit: 10) == [block])
            await expectRefusal(.tooLate, "a point behind the newest appended before the restart") {
                try await store.append([SeriesPoints(tag: flow, points: [point(-T.minute, .double(0))])])
            }
            await expectRefusal(.wrongType, "a string for the double series after the restart") {
                try await store.append([SeriesPoints(tag: flow, points: [point(2 * T.minute, .string("x"))])])
            }
        }
    }

    /// Rules: everything under `contract-plant` keeps 2 days, `contract-plant/site-a/line-1` keeps 6 days (the
    /// longer prefix wins there). `contract-plantation` shares the first characters but is not under the rule.
    @Test(
        "retention removes what the longest matching rule calls old and keeps the rest",
        arguments: TelemetryBackend.available)
    func retentionFollowsLongestPrefix(backend: TelemetryBackend) async throws {
        let longKept = contractTag("site-a/line-1/x")
        let shortKept = contractTag("site-a/line-2/y")
        let otherSite = contractTag("site-b/cell/z")
        let unruled = try TagPath("contract-plantation/site/line/w")
        let old = point(-8 * T.day, .double(8))
        let older = point(-5 * T.day, .double(5))
        let recent = point(-T.hour, .double(1))
        let rules = [
            RetentionRule(prefix: "contract-plant", keep: 2 * T.day),
            RetentionRule(prefix: "contract-plant/site-a/line-1", keep: 6 * T.day),
        ]
        try await backend.withStore { store in
            try await store.append([
                SeriesPoints(tag: longKept, points: [old, older, recent]),
                SeriesPoints(tag: shortKept, points: [old, older, recent]),
                SeriesPoints(tag: otherSite, points: [old, older, recent]),
                SeriesPoints(tag: unruled, points: [older, recent]),
            ])
            let report = try await store.applyRetention(rules, now: T.base)
            #expect(report.droppedChunks > 0)
            #expect(report.freedBytes >= 0)
            let everything = T.range(-30 * T.day, T.hour)
            #expect(try await rawPoints(store, longKept, everything) == [older, recent])
            #expect(try await rawPoints(store, shortKept, everything) == [recent])
            #expect(try await rawPoints(store, otherSite, everything) == [recent])
            #expect(try await rawPoints(store, unruled, everything) == [older, recent])
            #expect(try await store.latest([shortKept]) == [SeriesPoints(tag: shortKept, points: [recent])])

            // Applying the same rules again finds nothing more to remove, and the data stays.
            _ = try await store.applyRetention(rules, now: T.base)
            #expect(try await rawPoints(store, longKept, everything) == [older, recent])
        }
    }

    @Test(
        "waveforms read back whole, oldest first, within range and limit; a rewrite replaces",
        arguments: TelemetryBackend.available)
    func waveformsRoundTrip(backend: TelemetryBackend) async throws {
        let spindle = contractTag("hall-10/cnc/spindle-vibration")
        let bearing = contractTag("hall-10/cnc/bearing-vibration")
        let first = Waveform(
            tag: spindle, start: T.base, sampleRate: 48_000,
            values: (0..<480).map { Float($0) * 0.001 - 0.2 } + [.greatestFiniteMagnitude, -.infinity])
        let second = Waveform(
            tag: spindle, start: T.base + T.second, sampleRate: 12_000, values: [1, 2, 3],
            quality: Quality(.uncertain, subCode: 3))
        let other = Waveform(tag: bearing, start: T.base + 500, sampleRate: 1, values: [42])
        try await backend.withStore { store in
            try await store.append(waveforms: [second, other, first])
            #expect(try await store.waveforms(spindle, in: T.range(0, T.hour), limit: 10) == [first, second])
            #expect(try await store.waveforms(spindle, in: T.range(0, T.hour), limit: 1) == [first])
            #expect(try await store.waveforms(spindle, in: T.range(1, T.hour), limit: 10) == [second])
            #expect(try await store.waveforms(bearing, in: T.range(0, T.hour), limit: 10) == [other])
            #expect(
                try await store.waveforms(contractTag("hall-10/cnc/none"), in: T.range(0, T.hour), limit: 10).isEmpty)

            var rewritten = first
            rewritten.values = [9, 8, 7]
            try await store.append(waveforms: [rewritten])
            #expect(try await store.waveforms(spindle, in: T.range(0, T.hour), limit: 10) == [rewritten, second])

            let later = Waveform(tag: bearing, start: T.base + T.minute, sampleRate: 10, values: [1])
            for broken in [
                Waveform(tag: bearing, start: T.base + 2 * T.minute, sampleRate: 10, values: []),
                Waveform(tag: bearing, start: T.base + 2 * T.minute, sampleRate: 0, values: [1]),
                Waveform(tag: bearing, start: T.base + 2 * T.minute, sampleRate: -5, values: [1]),
            ] {
                await expectRefusal(.invalidWaveform, "\(broken.values.count) values at \(broken.sampleRate) Hz") {
                    try await store.append(waveforms: [later, broken])
                }
            }
            #expect(try await store.waveforms(bearing, in: T.range(0, T.hour), limit: 10) == [other])
        }
    }
}
