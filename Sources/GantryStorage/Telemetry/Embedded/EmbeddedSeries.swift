import GantryCore

/// What the embedded engine knows of one series: its head, its watermarks and its string states.
struct EmbeddedSeries {
    let id: Int64
    let tag: TagPath
    /// The tag's path as UTF-8, as every WAL record of the series names it.
    let pathBytes: [UInt8]
    let type: TagDataType
    var head: SeriesHead<StoredPoint>
    /// The newest timestamp the series holds anywhere.
    var newest: Int64?
    /// The newest timestamp compressed into chunks; older points can no longer merge.
    var sealed: Int64?
    /// Points drained from the head whose flush has not committed yet; queries read them meanwhile.
    var pending: [StoredPoint] = []
    /// The newest point, when known without reading a chunk.
    var latest: StoredPoint?
    /// String states by code, and codes by state.
    var states: [String] = []
    var stateCodes: [String: Int64] = [:]
    /// How many of `states` the index already holds.
    var persistedStates = 0
    /// Whether the index must be told of this series (new, or its watermark moved).
    var isDirty = true

    init(id: Int64, tag: TagPath, type: TagDataType, admission: SampleAdmission) {
        self.id = id
        self.tag = tag
        self.pathBytes = Array(tag.description.utf8)
        self.type = type
        self.head = SeriesHead(outOfOrderWindow: admission.outOfOrderWindow, futureBound: admission.futureBound)
    }

    /// The stored form of `value`, which has the series' type; a new string state gets the next code.
    mutating func bits(of value: SampleValue) -> UInt64 {
        switch value {
        case .double(let number): return number.bitPattern
        case .int(let number): return UInt64(bitPattern: number)
        case .bool(let flag): return flag ? 1 : 0
        case .string(let text):
            if let code = stateCodes[text] { return UInt64(code) }
            let code = Int64(states.count)
            states.append(text)
            stateCodes[text] = code
            return UInt64(code)
        }
    }

    /// The value a stored point holds.
    func value(of point: StoredPoint) -> SampleValue {
        value(bits: point.bits)
    }

    func value(bits: UInt64) -> SampleValue {
        switch type {
        case .double: .double(Double(bitPattern: bits))
        case .int: .int(Int64(bitPattern: bits))
        case .bool: .bool(bits != 0)
        case .string: .string(Int(bits) < states.count ? states[Int(bits)] : "")
        }
    }

    func telemetryPoint(_ point: StoredPoint) -> TelemetryPoint {
        TelemetryPoint(timestamp: point.timestamp, value: value(of: point), quality: point.quality)
    }
}
