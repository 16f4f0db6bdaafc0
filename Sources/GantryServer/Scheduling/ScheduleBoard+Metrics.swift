import Prometheus

/// The board on `/metrics`: solves by how they ended, refusals of a full queue, and what waits and runs now.
extension ScheduleBoard {
    static var solves: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "gantry", metricName: "schedule_solves", unitName: "total",
            helpText: "Scheduling solves that ended, by outcome (done, failed, cancelled)")
    }
    static var refusals: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "gantry", metricName: "schedule_refusals", unitName: "total",
            helpText: "Scheduling problems refused because the queue was full (429)")
    }
    static var jobs: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "gantry", metricName: "schedules", unitName: "",
            helpText: "Scheduling solves queued or running now")
    }

    /// Counts a solve that ended in `state`.
    func countEnded(_ state: ScheduleRecord.State) {
        metrics.makeCounter(descriptor: Self.solves, labels: [("outcome", state.rawValue)]).increment()
    }

    func countRefusal() {
        metrics.makeCounter(descriptor: Self.refusals).increment()
    }

    /// Sets the gauges of queued and running solves.
    func exportQueue(queued: Int, running: Bool) {
        metrics.makeGauge(descriptor: Self.jobs, labels: [("state", "queued")]).set(Double(queued))
        metrics.makeGauge(descriptor: Self.jobs, labels: [("state", "running")]).set(running ? 1.0 : 0.0)
    }
}
