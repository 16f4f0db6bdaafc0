import Foundation
import GantryCore
import GantryIngest
import Hummingbird
import HummingbirdWebSocket
import Logging
import WSCore

/// `/api/v1/live`: a WebSocket that streams stored samples, device status and alarm changes as they happen.
///
/// The upgrade request is authenticated like any other (bearer token or the console's session cookie), and
/// every event is filtered by the viewer's subtrees. The client picks what it wants with `subscribe`
/// commands (``LiveCommand``); a client that reads slowly gets the latest value per tag instead of a growing
/// backlog (``LiveSubscription``).
struct LiveRoutes {
    let live: LiveBus
    let control: ControlService
    /// The largest command a client may send; a subscription is a short list of patterns.
    static let maximumCommandSize = 64 * 1024

    func add(to router: Router<GantryRequestContext>) {
        router.ws("api/v1/live") { request, context in
            _ = try context.requirePrincipal()
            // A plain GET would otherwise get an empty 200; say what the route is for.
            guard request.headers[.upgrade]?.lowercased() == "websocket" else {
                throw HTTPError(.upgradeRequired, message: "/api/v1/live is a WebSocket: send 'Upgrade: websocket'")
            }
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            guard let principal = context.requestContext.principal else { return }
            let control = control
            let rights = principal.rights
            let subscription = live.subscribe(try LiveFilter(tags: [], rights: rights))
            defer { subscription.cancel() }
            context.logger.debug("live stream opened")
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask {
                    while let batch = await subscription.next() {
                        try await outbound.write(.text(LiveReply.update(batch)))
                    }
                }
                for try await message in inbound.messages(maxSize: Self.maximumCommandSize) {
                    try await outbound.write(
                        .text(Self.handle(message, subscription, principal: principal, control: control)))
                }
                subscription.cancel()
                tasks.cancelAll()
            }
            context.logger.debug("live stream closed")
        }
    }

    /// Applies one command and returns the reply.
    private static func handle(
        _ message: WebSocketMessage, _ subscription: LiveSubscription, principal: Principal, control: ControlService
    ) async -> String {
        let rights = principal.rights
        guard case .text(let text) = message else {
            return LiveReply.error("send commands as JSON text frames")
        }
        let command: LiveCommand
        do {
            command = try JSONDecoder().decode(LiveCommand.self, from: Data(text.utf8))
        } catch {
            return LiveReply.error(
                #"expected {"subscribe":{"tags":["site/area/#"],"alarms":true,"devices":true}}"#)
        }
        if let heartbeat = command.heartbeat {
            do {
                let receipt = try await control.heartbeat(
                    equipment: heartbeat.equipment, beat: heartbeat.beat, consoleRoundTrip: heartbeat.roundTripMs,
                    by: principal)
                return LiveReply.heartbeat(receipt, sentAt: heartbeat.sentAt)
            } catch {
                return LiveReply.error("heartbeat refused: \(ProblemMiddleware.problem(for: error).detail)")
            }
        }
        guard let subscribe = command.subscribe else {
            return LiveReply.error(#"unknown command; the commands are "subscribe" and "heartbeat""#)
        }
        let tags = subscribe.tags ?? []
        guard tags.count <= 1000 else { return LiveReply.error("at most 1000 tag patterns per subscription") }
        do throws(LiveFilterError) {
            let filter = try LiveFilter(
                tags: tags, alarms: subscribe.alarms ?? false, devices: subscribe.devices ?? false,
                control: subscribe.control ?? false, rights: rights)
            subscription.update(filter)
            return LiveReply.subscribed(
                tags: tags, alarms: filter.alarms, devices: filter.devices, control: filter.control)
        } catch {
            return LiveReply.error(error.description)
        }
    }
}
