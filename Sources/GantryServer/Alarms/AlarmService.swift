import Foundation
import GantryAlarms
import GantryCore
import GantryIngest
import GantryStorage
import Logging
import ServiceLifecycle

/// The platform's alarm system: every stored sample passes its rules, and every transition is journaled,
/// published live and, when it annunciates, sent to the enterprise's webhooks.
///
/// The rules and states live in one ``AlarmEvaluator`` owned by this actor; samples reach it from the
/// ``LiveBus`` through an observer, so none is missed and they are evaluated in the order they were stored.
/// Transitions are written in the order they happened, each batch in one transaction with the states it
/// left, and only then published: a console never shows an alarm the journal does not have. A restart
/// reloads rules and states, and the journal numbering continues.
///
/// Run it as a service: it evaluates queued samples and, once per ``tickInterval``, ends the on- and
/// off-delays and shelves that are due.
public actor AlarmService: Service {
    /// How often due delays and shelve expiries are looked at: an on-delay of 5 s raises its alarm within
    /// 5–6 s of the condition starting.
    public static let tickInterval = Duration.seconds(1)
    /// The longest shelve an operator may set: a shelved alarm is a hidden one, so it comes back at least
    /// once a day for someone to look at again.
    public static let maximumShelveMilliseconds: Int64 = 24 * 3_600_000

    let store: MetadataStore
    let live: LiveBus
    let logger: Logger
    let timing: PlatformTiming
    let webhookDispatcher: WebhookDispatcher
    var evaluator: AlarmEvaluator
    /// Who changed each rule and when, as stored.
    var ruleRecords: [String: StoredAlarmRule]
    var webhooks: [StoredWebhook]
    /// The last journal sequence handed out.
    var sequence: Int64
    /// The latest write of transitions; each new one waits for it, so the journal is written in order.
    var lastWrite: Task<Void, any Error>?
    private nonisolated let batches: AsyncStream<[LiveEvent]>

    /// Loads rules, states, webhooks and the journal's last number from `store`, then starts observing
    /// `live`: samples published from now on are queued for ``run()``.
    public static func open(
        store: MetadataStore, live: LiveBus, webhooks: WebhookDispatcher, timing: PlatformTiming, logger: Logger
    ) async throws -> AlarmService {
        var evaluator = AlarmEvaluator()
        var records: [String: StoredAlarmRule] = [:]
        for record in try await store.alarmRules() {
            do {
                let rule = try JSONDecoder().decode(AlarmRule.self, from: Data(record.definition.utf8))
                try evaluator.add(rule)
                records[rule.id] = record
            } catch {
                // A rule this version cannot load stays stored for an engineer to fix; the others run.
                logger.error(
                    "an alarm rule could not be loaded; it is not evaluated",
                    metadata: ["alarm.rule": "\(record.id)", "error": "\(error)"])
            }
        }
        let statuses = try await store.alarmStates().compactMap { stored -> AlarmStatus? in
            try? JSONDecoder().decode(AlarmStatus.self, from: Data(stored.state.utf8))
        }
        evaluator.restore(statuses)
        let service = AlarmService(
            store: store, live: live, logger: logger, timing: timing, webhookDispatcher: webhooks,
            evaluator: evaluator, ruleRecords: records, webhooks: try await store.webhooks(),
            sequence: try await store.lastAlarmJournalSequence())
        logger.info(
            "alarm rules loaded",
            metadata: ["alarm.rules": "\(records.count)", "alarm.alarms": "\(evaluator.alarmCount)"])
        return service
    }

    private init(
        store: MetadataStore, live: LiveBus, logger: Logger, timing: PlatformTiming,
        webhookDispatcher: WebhookDispatcher, evaluator: AlarmEvaluator, ruleRecords: [String: StoredAlarmRule],
        webhooks: [StoredWebhook], sequence: Int64
    ) {
        self.store = store
        self.live = live
        self.logger = logger
        self.timing = timing
        self.webhookDispatcher = webhookDispatcher
        self.evaluator = evaluator
        self.ruleRecords = ruleRecords
        self.webhooks = webhooks
        self.sequence = sequence
        let (batches, queue) = AsyncStream.makeStream(of: [LiveEvent].self)
        self.batches = batches
        // Inline with every publish, so it only queues, and only what carries samples.
        live.observe { events in
            if events.contains(where: \.isSample) { queue.yield(events) }
        }
    }

    /// Evaluates queued samples and ticks until cancelled or shut down, then waits for the last
    /// transitions to be written.
    public nonisolated func run() async throws {
        await withTaskGroup(of: Void.self) { tasks in
            tasks.addTask { [self] in
                for await events in batches.cancelOnGracefulShutdown() {
                    await evaluate(events)
                }
            }
            tasks.addTask { [self] in
                while !Task.isCancelled {
                    do {
                        try await timing.clock.sleep(for: Self.tickInterval)
                    } catch {
                        return
                    }
                    await tick()
                }
            }
            // When the sample loop ends (shutdown), the ticker goes too.
            await tasks.next()
            tasks.cancelAll()
        }
        await flush()
    }

    /// Waits until every transition so far is written (or has failed and been logged).
    public func flush() async {
        _ = await lastWrite?.result
    }

    /// Runs `events`' samples through the rules.
    func evaluate(_ events: [LiveEvent]) {
        var journal: [JournalEntry] = []
        for event in events {
            guard case .sample(let tag, let point) = event, let id = evaluator.tagID(of: tag),
                evaluator.isWatched(tagID: id)
            else { continue }
            evaluator.evaluate(
                tagID: id, time: point.timestamp, value: point.value, quality: point.quality, into: &journal)
        }
        if !journal.isEmpty { record(journal) }
    }

    /// Ends the delays and shelves due now.
    func tick() {
        guard let due = evaluator.nextDeadline, due <= timing.now() else { return }
        let journal = evaluator.tick(now: timing.now())
        if !journal.isEmpty { record(journal) }
    }

    /// Writes `journal` and the states it left after the writes before it, then publishes and notifies.
    /// - Returns: the write, for an operator action to wait on.
    @discardableResult
    func record(_ journal: [JournalEntry]) -> Task<Void, any Error> {
        var lines: [StoredAlarmJournalEntry] = []
        lines.reserveCapacity(journal.count)
        for entry in journal {
            sequence += 1
            lines.append(StoredAlarmJournalEntry(entry, sequence: sequence))
        }
        var seen: Set<String> = []
        var states: [StoredAlarmState] = []
        for entry in journal.reversed() where seen.insert(entry.alarmID).inserted {
            if let machine = evaluator.alarm(entry.alarmID), let state = StoredAlarmState(machine) {
                states.append(state)
            }
        }
        let changes = journal.map { entry in
            LiveEvent.alarm(LiveAlarmChange(entry, tag: evaluator.rule(id: entry.ruleID)?.tags.first))
        }
        let deliveries = notifications(for: journal)
        let previous = lastWrite
        let write = Task { [store, live, logger, webhookDispatcher] in
            _ = await previous?.result
            do {
                try await store.recordAlarmTransitions(lines, states: states)
            } catch {
                logger.error(
                    "alarm transitions could not be written to the journal; alarms go on in memory",
                    metadata: [
                        "alarm.transitions": "\(lines.count)", "alarm.first": "\(lines.first?.alarmID ?? "")",
                        "error": "\(error)",
                    ])
                throw error
            }
            live.publish(changes)
            for delivery in deliveries { webhookDispatcher.send(delivery) }
        }
        lastWrite = write
        return write
    }
}

extension LiveEvent {
    /// Whether this is a stored sample: the only event alarms evaluate.
    var isSample: Bool {
        if case .sample = self { return true }
        return false
    }
}
