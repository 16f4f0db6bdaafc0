import GantryCore

/// What one poll of a group brought: a reading per point, and the counts `ConnectorStatusBoard` keeps.
public struct ModbusPollResult: Hashable, Sendable {
    /// One reading per point, in the group's order; bad quality where a request failed.
    public var readings: [PointReading]
    public var requests: Int
    /// Requests that failed: exceptions, timeouts, protocol violations, a lost connection.
    public var errors: [ConnectorError]
    /// The round trip of the last answered request.
    public var lastLatency: Duration?
}

extension ModbusClient {
    /// Reads `points` of `unit` with the requests `blocks` plans (all sent at once, so up to `maximumInFlight`
    /// travel together), and cuts the answers back into one reading per point.
    ///
    /// A point whose request failed gets the quality that says why (the exception's, `timeout`,
    /// `communicationError`, `notConnected`) and its placeholder value; the caller may put the last known
    /// value in its place. A request that times out is sent again up to `retries` times first.
    public func poll(
        _ points: [ModbusPoint], blocks: [ModbusReadBlock], unit: UInt8, retries: Int = 0
    ) async -> ModbusPollResult {
        let futures = blocks.map { submit($0.request, unit: unit) }
        var readings = [PointReading?](repeating: nil, count: points.count)
        var result = ModbusPollResult(readings: [], requests: blocks.count, errors: [], lastLatency: nil)
        for (block, future) in zip(blocks, futures) {
            var pending = future
            var retried = 0
            while true {
                do {
                    let answer = try await pending.get()
                    result.lastLatency = answer.latency
                    if case .exception(_, let code) = answer.response {
                        result.errors.append(.modbusException(code, answering: block.request, unit: unit))
                    }
                    for index in block.pointIndices {
                        let (value, quality) = block.value(of: points[index], in: answer.response)
                        readings[index] = reading(points[index], value, quality, answer.receivedAt)
                    }
                } catch {
                    let error = error as? ConnectorError ?? ConnectorError(.unreachable, "\(error)")
                    result.errors.append(error)
                    // Only silence is worth asking again; a broken answer has already reset the link.
                    if error.code == .timeout, retried < retries, isConnected {
                        retried += 1
                        result.requests += 1
                        pending = submit(block.request, unit: unit)
                        continue
                    }
                    let now = Timestamp.now.millisecondsSinceEpoch
                    for index in block.pointIndices {
                        let point = points[index]
                        readings[index] = reading(point, point.placeholderValue, Self.quality(for: error), now)
                    }
                }
                break
            }
        }
        result.readings = readings.compactMap { $0 }
        return result
    }

    /// The quality of a point whose request failed with `error`.
    public static func quality(for error: ConnectorError) -> Quality {
        switch error.code {
        case .timeout: ConnectorQuality.timeout
        case .protocolViolation: ConnectorQuality.communicationError
        case .unreachable: ConnectorQuality.notConnected
        default: ConnectorQuality.communicationError
        }
    }

    private func reading(_ point: ModbusPoint, _ value: SampleValue, _ quality: Quality, _ at: Int64) -> PointReading {
        PointReading(name: point.name, point: TelemetryPoint(timestamp: at, value: value, quality: quality))
    }
}
