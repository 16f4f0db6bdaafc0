import Foundation
import GantryControl
import GantryCore
import GantryIngest
import GantryStorage
import Logging
import ServiceLifecycle
import Synchronization

/// The one road commands take to devices: checks (access, lease, arguments, interlocks), numbering per
/// device, delivery over MQTT, the devices' reports, expiry, and the hash-chained audit journal of all of it.
///
/// Every change is written (commands and their audit lines in one transaction, in the order they happened)
/// before it is published: a command is stored as `sent` with its sequence before it goes out, so a crash
/// leaves at worst a `sent` command the device never saw, which then expires — never a command that ran
/// without a record. At start, what the last run left open is settled (``CommandRecord/recoverAfterRestart(now:)``).
/// Leases and teleoperation sessions live in memory only: after a restart nobody holds control.
public actor ControlService: Service {
    /// Figures a plant may tune.
    public struct Settings: Sendable {
        /// The time to live of a command that names none.
        public var defaultTimeToLiveMilliseconds: Int64 = 5000
        /// A lease with no activity for this long is free again.
        public var leaseInactivityMilliseconds: Int64 = 60_000
        /// A teleoperation session whose console has not beaten for this long is lost (the device's own
        /// watchdog has the same default).
        public var heartbeatIntervalMilliseconds: Int64 = 500
        /// Above this round trip (console to Gantry plus Gantry to device) speed commands are limited.
        public var latencyBudgetMilliseconds: Int64 = 250
        /// The highest locomotive speed accepted while the round trip is over budget.
        public var limitedSpeed: Double = 2
        /// After its expiry a sent command is given this long for a report already on its way, so that
        /// a device that accepted it just in time is not contradicted.
        public var expiryGraceMilliseconds: Int64 = 1000

        public init() {}
    }

    /// How often expiries, idle leases and silent sessions are looked at.
    static let tickInterval = Duration.milliseconds(100)

    let store: MetadataStore
    let live: LiveBus
    let outlet: any ControlOutlet
    let timing: PlatformTiming
    let logger: Logger
    public let settings: Settings
    /// Commands whose fate is open, by id, with the device that carries each out.
    var open: [String: OpenCommand] = [:]
    /// The last sequence sent to each device (`ENTERPRISE/NAME`).
    var sequences: [String: Int64]
    var leases: [AssetPath: ControlLease] = [:]
    var sessions: [AssetPath: TeleoperationSession] = [:]
    /// The latest reading of every tag an interlock reads, for equipment that can be operated remotely.
    var readings: [TagPath: InterlockReading] = [:]
    var chain: AuditChain
    /// Raises and clears the alarm of a lost teleoperation session; set once the alarm system runs.
    var sessionAlarm: (any TeleoperationAlarm)?
    /// The latest write; each new one waits for it, so the journal is written in order.
    var lastWrite: Task<Void, any Error>?
    private nonisolated let inbox: ControlInbox
    private nonisolated let samples: AsyncStream<[LiveEvent]>
    /// Sample batches queued for ``note(_:)`` so far, and those noted: ``settle()`` waits for them to meet.
    private nonisolated let queued = BatchCounter()
    private var noted = 0

    /// A command in flight and the device it went or goes to.
    struct OpenCommand {
        var record: CommandRecord
        let device: DeviceAddress
        let equipmentType: String
    }

    /// Loads the audit head and the open commands, settles what a restart left, and starts listening to
    /// device reports from `inbox` and to live samples (for interlocks).
    public static func open(
        store: MetadataStore, live: LiveBus, outlet: any ControlOutlet, inbox: ControlInbox,
        timing: PlatformTiming, settings: Settings = Settings(), logger: Logger
    ) async throws -> ControlService {
        let last = try await store.latestAuditLines(limit: 1).first
        let service = ControlService(
            store: store, live: live, outlet: outlet, inbox: inbox, timing: timing, settings: settings,
            logger: logger, sequences: try await store.lastCommandSequences(),
            chain: AuditChain(after: last.map(AuditRecord.init)))
        try await service.recover(try await store.openCommands())
        return service
    }

    private init(
        store: MetadataStore, live: LiveBus, outlet: any ControlOutlet, inbox: ControlInbox,
        timing: PlatformTiming, settings: Settings, logger: Logger, sequences: [String: Int64], chain: AuditChain
    ) {
        self.store = store
        self.live = live
        self.outlet = outlet
        self.inbox = inbox
        self.timing = timing
        self.settings = settings
        self.logger = logger
        self.sequences = sequences
        self.chain = chain
        let (samples, queue) = AsyncStream.makeStream(of: [LiveEvent].self, bufferingPolicy: .bufferingNewest(1000))
        self.samples = samples
        let queued = queued
        live.observe { events in
            guard events.contains(where: \.isSample) else { return }
            // When the service falls far behind, the oldest batch gives way to this one: the count of batches
            // still to be noted stays as it was.
            if case .enqueued = queue.yield(events) { queued.count.add(1, ordering: .relaxed) }
        }
    }

    /// Settles commands a previous run left open, in one write with their audit lines.
    private func recover(_ stored: [StoredCommand]) async throws {
        let now = timing.now()
        var changed: [(CommandRecord, DeviceAddress)] = []
        var lines: [AuditRecord] = []
        for command in stored {
            guard var record = try? CommandRecord.decode(command.record),
                let device = DeviceAddress(command.device)
            else {
                logger.error(
                    "a stored command could not be read; it stays as stored", metadata: ["command": "\(command.id)"])
                continue
            }
            if record.recoverAfterRestart(now: now) {
                lines.append(
                    audit("gantry", "command.\(record.state.rawValue)", record.id, record.reason ?? "", at: now))
                changed.append((record, device))
            }
            if !record.state.isFinal {
                let type = (try? await store.asset(path: record.equipment))?.type ?? ""
                open[record.id] = OpenCommand(record: record, device: device, equipmentType: type)
            }
        }
        try await store.recordControl(
            changed.map { Self.stored($0.0, device: $0.1, at: now) }, audit: lines.map(StoredAuditLine.init))
        if !changed.isEmpty {
            logger.notice(
                "commands left open by the last run were settled", metadata: ["control.commands": "\(changed.count)"])
        }
    }

    /// Handles device reports and samples, and ticks, until shut down; then waits for the last write.
    public nonisolated func run() async throws {
        await withTaskGroup(of: Void.self) { tasks in
            tasks.addTask { [self] in
                for await message in inbox.messages.cancelOnGracefulShutdown() {
                    await receive(message)
                }
            }
            tasks.addTask { [self] in
                for await events in samples.cancelOnGracefulShutdown() {
                    await note(events)
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
            await tasks.next()
            tasks.cancelAll()
        }
        await flush()
    }

    /// Connects the alarm a lost teleoperation session raises.
    public func attach(_ alarm: any TeleoperationAlarm) {
        sessionAlarm = alarm
    }

    /// Waits until every change so far is written.
    public func flush() async {
        _ = await lastWrite?.result
    }

    /// Returns once every sample stored so far has reached the interlocks and the last write is done: what
    /// a test or a bench waits on before it relies on a value it just wrote.
    public func settle() async {
        while noted < queued.count.load(ordering: .relaxed) {
            await Task.yield()
            try? await Task.sleep(for: .milliseconds(1))
        }
        await flush()
    }

    /// Keeps the latest value of every tag some interlock reads.
    private func note(_ events: [LiveEvent]) {
        noted += 1
        for event in events {
            guard case .sample(let tag, let point) = event, Self.interlockTags.contains(tag.name) else { continue }
            if let known = readings[tag], known.at > point.timestamp { continue }
            readings[tag] = InterlockReading(value: point.value, at: point.timestamp, isGood: point.quality.isGood)
        }
    }

    /// Every tag name any interlock reads.
    static let interlockTags: Set<String> = Set(
        ["electric-locomotive", "overhead-crane"].flatMap { InterlockCatalogue.interlocks(for: $0).map(\.tag) })

    /// Ends what is due: unanswered commands past expiry, idle leases, silent teleoperation sessions.
    func tick() async {
        let now = timing.now()
        var changed: [OpenCommand] = []
        var lines: [AuditRecord] = []
        for (id, var command) in open where command.record.expireIfDue(now: now - settings.expiryGraceMilliseconds) {
            open[id] = nil
            lines.append(audit("gantry", "command.expired", id, command.record.reason ?? "", at: now))
            changed.append(command)
        }
        for (equipment, var lease) in leases {
            guard let event = lease.expireIfIdle(now: now) else { continue }
            leases[equipment] = lease
            lines.append(
                audit(
                    "gantry", "lease.expired", equipment.description, "held by \(event.previousHolder ?? "nobody")",
                    at: now))
            publishLease(equipment, lease, at: now)
        }
        lines += sessionsGoneQuiet(now: now)
        guard !lines.isEmpty else { return }
        do {
            try await write(changed.map { ($0.record, $0.device) }, lines, at: now)
        } catch {
            logger.error("control changes could not be written", metadata: ["error": "\(error)"])
        }
        for command in changed { publish(command.record) }
    }
}

extension Quality {
    var isGood: Bool { severity == .good }
}

/// How many sample batches were queued for the interlocks.
private final class BatchCounter: Sendable {
    let count = Atomic<Int>(0)
}
