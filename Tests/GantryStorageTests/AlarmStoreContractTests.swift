import Foundation
import GantryCore
import GantryStorage
import GantryTesting
import Testing

/// What the alarm service keeps in the metadata store, on every available backend: rules, states, the journal
/// and webhook dead letters.
@Suite struct AlarmStoreContractTests {
    static func rule(
        _ id: String, _ asset: String, _ definition: String = "{}", at time: Int64 = 1
    ) throws
        -> StoredAlarmRule
    {
        StoredAlarmRule(
            id: id, assetPath: try AssetPath(asset), definition: definition, updatedBy: "admin", createdAt: time,
            updatedAt: time)
    }

    static func entry(
        _ sequence: Int64, alarm: String, asset: String, to state: String
    ) throws
        -> StoredAlarmJournalEntry
    {
        StoredAlarmJournalEntry(
            sequence: sequence, alarmID: alarm, ruleID: "r-\(alarm)", assetPath: try AssetPath(asset),
            fromState: "normal", toState: state, at: 1_000 + sequence, actor: nil, comment: nil, value: "87.5",
            priority: 2, message: "bearing hot")
    }

    @Test(arguments: TestBackend.available)
    func rulesAreReplacedByIdAndDeletingOneDropsItsStates(_ backend: TestBackend) async throws {
        try await MetadataContractTests.withStore(backend) { store in
            try await store.saveAlarmRule(try Self.rule("fan-vibration", "acme/plant/fan-1", #"{"v":1}"#, at: 10))
            try await store.saveAlarmRule(try Self.rule("loco-speed", "acme/plant/loco-1", at: 11))
            try await store.saveAlarmRule(try Self.rule("fan-vibration", "acme/plant/fan-1", #"{"v":2}"#, at: 20))
            let rules = try await store.alarmRules()
            #expect(rules.map(\.id) == ["fan-vibration", "loco-speed"])
            #expect(rules[0].definition == #"{"v":2}"#)
            #expect(rules[0].createdAt == 10 && rules[0].updatedAt == 20)
            let state = StoredAlarmState(
                alarmID: "fan-vibration", ruleID: "fan-vibration", assetPath: try AssetPath("acme/plant/fan-1"),
                state: #"{"state":"unacknowledged"}"#, updatedAt: 21)
            try await store.recordAlarmTransitions(
                [try Self.entry(1, alarm: "fan-vibration", asset: "acme/plant/fan-1", to: "unacknowledged")],
                states: [state])
            #expect(try await store.alarmStates() == [state])
            #expect(try await store.deleteAlarmRule(id: "fan-vibration"))
            #expect(try await !store.deleteAlarmRule(id: "fan-vibration"))
            #expect(try await store.alarmStates().isEmpty)
            #expect(try await store.alarmRules().map(\.id) == ["loco-speed"])
            // The journal keeps the history of a deleted rule's alarms.
            #expect(try await store.alarmJournal(ListQuery()).total == 1)
        }
    }

    @Test(arguments: TestBackend.available)
    func theJournalPagesNewestFirstWithinTheVisibleSubtrees(_ backend: TestBackend) async throws {
        try await MetadataContractTests.withStore(backend) { store in
            #expect(try await store.lastAlarmJournalSequence() == 0)
            var entries: [StoredAlarmJournalEntry] = []
            for sequence in 1...6 {
                let asset = sequence % 2 == 0 ? "acme/plant/fan-1" : "acme/other/press_1"
                entries.append(
                    try Self.entry(Int64(sequence), alarm: "a\(sequence % 2)", asset: asset, to: "s\(sequence)"))
            }
            try await store.recordAlarmTransitions(entries, states: [])
            #expect(try await store.lastAlarmJournalSequence() == 6)
            let all = try await store.alarmJournal(ListQuery(limit: 4))
            #expect(all.total == 6)
            #expect(all.items.map(\.sequence) == [6, 5, 4, 3])
            let plant = try await store.alarmJournal(ListQuery(visibleScopes: [try AssetPath("acme/plant")]))
            #expect(plant.items.map(\.sequence) == [6, 4, 2])
            let one = try await store.alarmJournal(ListQuery(), alarmID: "a1", since: 1_004)
            #expect(one.items.map(\.sequence) == [5])
            #expect(one.items.first?.value == "87.5" && one.items.first?.actor == nil)
            // A sequence used twice is refused and nothing of that batch is kept.
            await #expect(throws: MetadataStoreError.self) {
                try await store.recordAlarmTransitions(
                    [
                        try Self.entry(7, alarm: "a1", asset: "acme/plant/fan-1", to: "x"),
                        try Self.entry(6, alarm: "a1", asset: "acme/plant/fan-1", to: "y"),
                    ],
                    states: [])
            }
            #expect(try await store.lastAlarmJournalSequence() == 6)
        }
    }

    @Test(arguments: TestBackend.available)
    func webhooksAndDeadLettersAreKept(_ backend: TestBackend) async throws {
        try await MetadataContractTests.withStore(backend) { store in
            let hook = StoredWebhook(
                id: "w1", enterprise: "acme", url: "http://127.0.0.1:9/hook", minimumPriority: 2, createdAt: 5)
            try await store.saveWebhook(hook)
            #expect(try await store.webhooks() == [hook])
            let letter = StoredDeadLetter(
                id: "d1", webhookID: "w1", payload: #"{"alarm":"a1"}"#, error: "connection refused", attempts: 5,
                failedAt: 9)
            try await store.addDeadLetter(letter)
            #expect(try await store.deadLetters() == [letter])
            #expect(try await store.deleteWebhook(id: "w1"))
            #expect(try await store.webhooks().isEmpty)
        }
    }
}
