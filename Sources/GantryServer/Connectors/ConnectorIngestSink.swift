import GantryConnectors
import GantryCore
import GantryIngest
import Logging
import Metrics
import Synchronization

/// Where one device's connector delivers: readings become samples of the device's tags (through ingest, with
/// the device's own confinement to its asset subtree), and the link's state is the device's presence.
final class ConnectorIngestSink: ConnectorSink {
    let ingest: Ingest
    let presence: DevicePresence
    let source: IngestSource
    /// Point name → tag; a point missing here is not stored.
    let tags: [String: TagPath]
    let logger: Logger
    /// Whether this connector counts as one open connection of the device in `presence` now: a connector
    /// saying "offline" on every failed attempt must not close more than it opened.
    private let counted = Mutex(false)

    init(ingest: Ingest, presence: DevicePresence, source: IngestSource, tags: [String: TagPath], logger: Logger) {
        self.ingest = ingest
        self.presence = presence
        self.source = source
        self.tags = tags
        self.logger = logger
    }

    /// Takes the connector's connection out of the device's presence when the connector stops.
    func detach() async {
        await linkChanged(online: false, reason: "connector stopped")
    }

    func deliver(_ readings: [PointReading]) async {
        let samples = readings.compactMap { reading in
            tags[reading.name].map { IngestSample(tag: $0, point: reading.point) }
        }
        guard !samples.isEmpty else { return }
        let logger = logger
        let source = source
        ingest.submit(samples, from: source) { result in
            guard case .failure(let rejection) = result else { return }
            Counter(label: "gantry_connector_rejected_readings_total").increment(by: samples.count)
            logger.info(
                "connector readings refused by ingest",
                metadata: ["device.username": "\(source.name)", "ingest.reason": "\(rejection)"])
        }
    }

    func linkChanged(online: Bool, reason: String?) async {
        let time = DevicePresence.now()
        guard
            counted.withLock({ counted in
                defer { counted = online }; return counted != online
            })
        else { return }
        let changed =
            online ? presence.connected(source.name, at: time) : presence.disconnected(source.name, at: time)
        logger.info(
            online ? "connector online" : "connector offline",
            metadata: ["device.username": "\(source.name)", "connector.reason": "\(reason ?? "")"])
        guard changed, let asset = source.subtree else { return }
        ingest.live.publish([.device(LiveDeviceStatus(device: source.name, asset: asset, online: online, at: time))])
    }
}
