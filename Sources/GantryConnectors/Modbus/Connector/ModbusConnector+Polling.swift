import GantryCore

extension ModbusConnector {
    /// Polls every group over `client` until the connection closes or the task is cancelled; returns why the
    /// link was lost.
    func serve(_ client: ModbusClient) async -> String {
        await withTaskCancellationHandler {
            await withTaskGroup(of: Void.self) { tasks in
                for index in configuration.groups.indices {
                    tasks.addTask { await self.poll(group: index, over: client) }
                }
                tasks.addTask { await client.closed() }
                await tasks.next()
                client.closeNow()
                tasks.cancelAll()
            }
        } onCancel: {
            client.closeNow()
        }
        return client.closeReason?.message ?? "the Modbus connection closed"
    }

    /// Polls in a row whose every request timed out before the link is presumed dead: a device that lost power
    /// leaves a half-open TCP connection that no read ever closes.
    static var silentPollLimit: Int { 3 }

    /// Reads one group at its scan rate; a scan that overruns its period starts the next at once rather than
    /// queueing the ones it missed.
    private func poll(group index: Int, over client: ModbusClient) async {
        let group = configuration.groups[index]
        let unit = UInt8(group.unitID)
        let clock = ContinuousClock()
        let period = Duration.milliseconds(group.scanRateMilliseconds)
        var next = clock.now
        var silentPolls = 0
        while !Task.isCancelled, client.isConnected {
            let result = await client.poll(
                group.points, blocks: plans[index], unit: unit, retries: configuration.retries)
            // A poll cut short by a lost link is not delivered: the link loss marks every point instead.
            guard client.isConnected, !Task.isCancelled else { return }
            await deliver(result)
            let silent = result.errors.count == result.requests && result.errors.allSatisfy { $0.code == .timeout }
            silentPolls = silent ? silentPolls + 1 : 0
            if silentPolls >= Self.silentPollLimit {
                client.reset(
                    ConnectorError(
                        .timeout, "poll group \"\(group.name)\" got no answer \(silentPolls) times in a row"))
                return
            }
            next = max(next.advanced(by: period), clock.now)
            try? await clock.sleep(until: next)
        }
    }

    /// Hands a poll's readings to the sink, with the last known value in place of a failed read's placeholder.
    private func deliver(_ result: ModbusPollResult) async {
        let readings = lastValues.withLock { known in
            result.readings.map { reading in
                var reading = reading
                if reading.point.quality.severity == .good {
                    known[reading.name] = reading.point.value
                } else if let last = known[reading.name] {
                    reading.point.value = last
                }
                return reading
            }
        }
        status.update { status in
            status.requests += result.requests
            status.errors += result.errors.count
            status.readings += readings.count
            if let latency = result.lastLatency {
                status.lastLatencyMilliseconds = Double(latency / .microseconds(1)) / 1000
            }
        }
        await sink.deliver(readings)
    }
}
