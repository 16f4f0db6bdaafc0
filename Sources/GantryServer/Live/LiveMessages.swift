import Foundation
import GantryCore
import GantryIngest

/// What a live client sends: `{"subscribe":{"tags":["acme/plant1/#"],"alarms":true,"devices":true}}`, which
/// replaces what it gets from then on (an empty `tags` list and both flags false pause the stream).
struct LiveCommand: Decodable {
    struct Subscribe: Decodable {
        var tags: [String]?
        var alarms: Bool?
        var devices: Bool?
    }

    var subscribe: Subscribe?
}

/// What the server sends on `/api/v1/live`, one JSON text frame each.
enum LiveReply {
    /// A batch of events: `{"type":"update","samples":[…],"devices":[…],"alarms":[…],"merged":N}`. `merged`
    /// counts older events replaced by these because the client fell behind (0 when it kept up).
    static func update(_ batch: LiveBatch) -> String {
        var samples: [[String: Any]] = []
        var devices: [[String: Any]] = []
        var alarms: [[String: Any]] = []
        for event in batch.events {
            switch event {
            case .sample(let tag, let point):
                samples.append([
                    "tag": tag.description, "ts": point.timestamp, "value": json(point.value),
                    "quality": point.quality.description,
                ])
            case .device(let status):
                devices.append([
                    "device": status.device, "asset": status.asset.description, "online": status.online,
                    "at": status.at,
                ])
            case .alarm(let change):
                var alarm: [String: Any] = [
                    "id": change.alarmID, "rule": change.rule, "asset": change.asset.description,
                    "state": change.state, "priority": change.priority, "message": change.message, "at": change.at,
                ]
                if let tag = change.tag { alarm["tag"] = tag.description }
                alarms.append(alarm)
            }
        }
        return encode([
            "type": "update", "samples": samples, "devices": devices, "alarms": alarms, "merged": batch.merged,
        ])
    }

    /// `{"type":"subscribed","tags":[…],"alarms":…,"devices":…}`: the subscription now in force.
    static func subscribed(tags: [String], alarms: Bool, devices: Bool) -> String {
        encode(["type": "subscribed", "tags": tags, "alarms": alarms, "devices": devices])
    }

    /// `{"type":"error","detail":"…"}`: a command was refused; the connection and its subscription stay.
    static func error(_ detail: String) -> String {
        encode(["type": "error", "detail": detail])
    }

    private static func json(_ value: SampleValue) -> Any {
        switch value {
        case .double(let number): number
        case .int(let number): number
        case .bool(let flag): flag
        case .string(let text): text
        }
    }

    private static func encode(_ object: [String: Any]) -> String {
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return #"{"type":"error","detail":"could not encode"}"# }
        return String(decoding: data, as: UTF8.self)
    }
}
