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
        var control: Bool?
    }

    /// A teleoperation heartbeat from the console driving `equipment`.
    struct Heartbeat: Decodable {
        var equipment: String
        var beat: Int64
        /// The console's clock when it sent the beat, echoed back so it measures its own round trip.
        var sentAt: Int64?
        /// The console's measure of its previous beat's round trip to Gantry.
        var roundTripMs: Int64?
    }

    var subscribe: Subscribe?
    var heartbeat: Heartbeat?
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
        var control = ""
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
            case .control(let update):
                if !control.isEmpty { control += "," }
                control += #"{"kind":"# + quoted(update.kind) + #","value":"# + update.json + "}"
            }
        }
        // `control` appears only for subscribers that asked for it, so older clients see what they always did.
        let controlField = control.isEmpty ? "" : #""control":[\#(control)],"#
        return #"{"alarms":[\#(alarms)],\#(controlField)"devices":[\#(devices)],"merged":\#(batch.merged),"#
            + #""samples":[\#(samples)],"type":"update"}"#
    }

    /// `{"type":"subscribed","tags":[…],"alarms":…,"devices":…}`: the subscription now in force.
    static func subscribed(tags: [String], alarms: Bool, devices: Bool, control: Bool) -> String {
        encode(["type": "subscribed", "tags": tags, "alarms": alarms, "devices": devices, "control": control])
    }

    /// `{"type":"heartbeat","equipment":…,"beat":…,"sentAt":…,"deviceRoundTripMs":…,"speedLimited":…}`: a
    /// heartbeat was taken and relayed; `sentAt` is the console's own, for its round trip.
    static func heartbeat(_ receipt: ControlService.HeartbeatReceipt, sentAt: Int64?) -> String {
        var object: [String: Any] = [
            "type": "heartbeat", "equipment": receipt.equipment.description, "beat": receipt.beat,
            "session": receipt.session, "speedLimited": receipt.speedLimited,
        ]
        if let sentAt { object["sentAt"] = sentAt }
        if let roundTrip = receipt.deviceRoundTripMilliseconds { object["deviceRoundTripMs"] = roundTrip }
        return encode(object)
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
