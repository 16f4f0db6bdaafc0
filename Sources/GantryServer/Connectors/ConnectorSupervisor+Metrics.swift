import Foundation
import GantryConnectors
import Prometheus

/// The connectors' counters on `/metrics`, summed per protocol (never per device: the dimension stays small
/// however many PLCs a plant has). The console's device page shows each connector's own numbers.
extension ConnectorSupervisor {
    /// Counters already exported, per device, so each export adds only what happened since.
    struct Exported: Sendable {
        var requests = 0
        var errors = 0
        var reconnects = 0
        var readings = 0
    }

    static var requests: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "gantry", metricName: "connector_requests", unitName: "total",
            helpText: "Requests connectors sent (Modbus transactions, OPC UA service calls)")
    }
    static var errors: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "gantry", metricName: "connector_errors", unitName: "total",
            helpText: "Connector requests that failed: timeouts, exceptions, bad status codes, protocol violations")
    }
    static var reconnects: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "gantry", metricName: "connector_reconnects", unitName: "total",
            helpText: "Connections connectors made again after losing their device")
    }
    static var readings: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "gantry", metricName: "connector_readings", unitName: "total",
            helpText: "Readings connectors delivered to ingest")
    }
    static var links: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "gantry", metricName: "connectors", unitName: "",
            helpText: "Running connectors by link state")
    }
    static var latency: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "gantry", metricName: "connector_last_latency", unitName: "seconds",
            helpText: "The slowest of the connectors' last request round trips")
    }

    /// Exports every `interval` until the platform stops.
    func exportMetrics(every interval: Duration = .seconds(1)) async {
        var exported: [UUID: Exported] = [:]
        while (try? await Task.sleep(for: interval)) != nil {
            exportMetrics(since: &exported)
        }
    }

    func exportMetrics(since exported: inout [UUID: Exported]) {
        var links: [ConnectorProtocol: [ConnectorStatus.Link: Int]] = [:]
        var latency: [ConnectorProtocol: Double] = [:]
        for (id, entry) in running {
            let status = entry.connector.status.current
            let kind = entry.definition.protocol
            links[kind, default: [:]][status.link, default: 0] += 1
            if let last = status.lastLatencyMilliseconds { latency[kind] = max(latency[kind] ?? 0, last / 1000) }
            let before = exported[id] ?? Exported()
            let labels = [("protocol", kind.rawValue)]
            for (descriptor, now, then) in [
                (Self.requests, status.requests, before.requests), (Self.errors, status.errors, before.errors),
                (Self.reconnects, status.reconnects, before.reconnects),
                (Self.readings, status.readings, before.readings),
            ] {
                metrics.makeCounter(descriptor: descriptor, labels: labels).increment(by: Int64(max(0, now - then)))
            }
            exported[id] = Exported(
                requests: status.requests, errors: status.errors, reconnects: status.reconnects,
                readings: status.readings)
        }
        exported = exported.filter { running[$0.key] != nil }
        for kind in ConnectorProtocol.allCases {
            for link in [ConnectorStatus.Link.connecting, .online, .offline] {
                metrics.makeGauge(
                    descriptor: Self.links, labels: [("protocol", kind.rawValue), ("link", link.rawValue)]
                )
                .set(Double(links[kind]?[link] ?? 0))
            }
            metrics.makeGauge(descriptor: Self.latency, labels: [("protocol", kind.rawValue)]).set(latency[kind] ?? 0)
        }
    }
}
