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
    ///
    /// Written by hand rather than through a JSON encoder: every subscriber gets its own frame, so with a
    /// thousand screens open this runs a thousand times per sample.
    static func update(_ batch: LiveBatch) -> String {
        var samples = ""
        var devices = ""
        var alarms = ""
        for event in batch.events {
            switch event {
            case .sample(let tag, let point):
                if !samples.isEmpty { samples += "," }
                samples += #"{"quality":"\#(point.quality.description)","tag":"#
                samples += quoted(tag.description)
                samples += #","ts":\#(point.timestamp),"value":"#
                samples += json(point.value)
                samples += "}"
            case .device(let status):
                if !devices.isEmpty { devices += "," }
                devices += #"{"asset":"# + quoted(status.asset.description) + #","at":\#(status.at),"device":"#
                devices += quoted(status.device) + #","online":\#(status.online)}"#
            case .alarm(let change):
                if !alarms.isEmpty { alarms += "," }
                alarms += #"{"asset":"# + quoted(change.asset.description) + #","at":\#(change.at),"id":"#
                alarms += quoted(change.alarmID) + #","message":"# + quoted(change.message)
                alarms += #","priority":\#(change.priority),"rule":"# + quoted(change.rule)
                alarms += #","state":"# + quoted(change.state)
                if let tag = change.tag { alarms += #","tag":"# + quoted(tag.description) }
                alarms += "}"
            }
        }
        return #"{"alarms":[\#(alarms)],"devices":[\#(devices)],"merged":\#(batch.merged),"samples":[\#(samples)],"#
            + #""type":"update"}"#
    }

    /// `{"type":"subscribed","tags":[…],"alarms":…,"devices":…}`: the subscription now in force.
    static func subscribed(tags: [String], alarms: Bool, devices: Bool) -> String {
        encode(["type": "subscribed", "tags": tags, "alarms": alarms, "devices": devices])
    }

    /// `{"type":"error","detail":"…"}`: a command was refused; the connection and its subscription stay.
    static func error(_ detail: String) -> String {
        encode(["type": "error", "detail": detail])
    }

    /// A value as JSON. Doubles print in Swift's shortest round-trip form (`21.5`, `1e-05`), which JSON
    /// accepts; stored doubles are always finite.
    private static func json(_ value: SampleValue) -> String {
        switch value {
        case .double(let number): number.isFinite ? "\(number)" : "null"
        case .int(let number): "\(number)"
        case .bool(let flag): "\(flag)"
        case .string(let text): quoted(text)
        }
    }

    /// `text` as a JSON string literal, quotes included.
    static func quoted(_ text: String) -> String {
        var result = "\""
        result.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case let control where control.value < 0x20:
                result +=
                    "\\u" + String(repeating: "0", count: 4 - String(control.value, radix: 16).count)
                    + String(control.value, radix: 16)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    private static func encode(_ object: [String: Any]) -> String {
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return #"{"type":"error","detail":"could not encode"}"# }
        return String(decoding: data, as: UTF8.self)
    }
}
