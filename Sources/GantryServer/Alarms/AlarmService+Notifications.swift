import Foundation
import GantryAlarms
import GantryCore
import GantryStorage

/// Webhook notifications: an alarm that is annunciated (enters active-unacknowledged) is POSTed as JSON to
/// every webhook of its enterprise whose minimum priority it meets. Acknowledgements and returns are not
/// sent: a webhook pages someone, and only a new alarm should.
extension AlarmService {
    /// The body every receiver gets, one alarm per POST.
    struct Notification: Encodable {
        let event = "alarm"
        let id: String
        let rule: String
        let asset: String
        let state: String
        let priority: Int
        let message: String
        let at: Int64
        let value: String?
    }

    func notifications(for journal: [JournalEntry]) -> [WebhookDispatcher.Delivery] {
        guard !webhooks.isEmpty else { return [] }
        var deliveries: [WebhookDispatcher.Delivery] = []
        for entry in journal where entry.isAnnunciation {
            let receivers = webhooks.filter {
                $0.enterprise == entry.asset.enterprise && entry.priority.rawValue <= $0.minimumPriority
            }
            guard !receivers.isEmpty else { continue }
            let notification = Notification(
                id: entry.alarmID, rule: entry.ruleID, asset: entry.asset.description, state: entry.to.rawValue,
                priority: entry.priority.rawValue, message: entry.message, at: entry.time,
                value: entry.value.map(StoredAlarmJournalEntry.text))
            guard let body = try? JSONEncoder().encode(notification) else { continue }
            for webhook in receivers {
                guard let url = URL(string: webhook.url) else { continue }
                deliveries.append(.init(webhookID: webhook.id, url: url, body: body))
            }
        }
        return deliveries
    }

    /// The enterprise's webhooks, for `principal` (an engineer of the enterprise).
    public func webhooks(of enterprise: String, by principal: Principal) throws -> [StoredWebhook] {
        try principal.rights.require(.engineer, on: try AssetPath(enterprise))
        return webhooks.filter { $0.enterprise == enterprise }
    }

    /// Every webhook `principal` may manage.
    public func webhooks(by principal: Principal) -> [StoredWebhook] {
        webhooks.filter { webhook in
            (try? AssetPath(webhook.enterprise)).map { principal.rights.allows(.engineer, on: $0) } ?? false
        }
    }

    /// Adds a webhook for `enterprise`: alarms of `minimumPriority` (1–4) or more urgent are POSTed to `url`.
    public func addWebhook(
        enterprise: String, url: String, minimumPriority: Int, by principal: Principal
    ) async throws -> StoredWebhook {
        let path = try AssetPath(enterprise)
        guard path.depth == 1 else {
            throw MetadataStoreError(
                .invalidInput, "a webhook belongs to an enterprise: give its top-level path, not '\(enterprise)'")
        }
        try principal.rights.require(.engineer, on: path)
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
            scheme == "http" || scheme == "https", parsed.host != nil
        else {
            throw MetadataStoreError(
                .invalidInput, "the webhook URL must be an absolute http:// or https:// URL, not '\(url)'")
        }
        guard (1...4).contains(minimumPriority) else {
            throw MetadataStoreError(
                .invalidInput, "minimumPriority must be 1 (most urgent) to 4, not \(minimumPriority)")
        }
        let webhook = StoredWebhook(
            id: UUID().uuidString.lowercased(), enterprise: enterprise, url: url, minimumPriority: minimumPriority,
            createdAt: timing.now())
        try await store.saveWebhook(webhook)
        webhooks.append(webhook)
        return webhook
    }

    /// Removes the webhook with `id`; 404 for one that does not exist or that `principal` may not manage.
    public func removeWebhook(id: String, by principal: Principal) async throws {
        guard let webhook = webhooks.first(where: { $0.id == id }) else {
            throw MetadataStoreError(.notFound, "no webhook with id '\(id)'")
        }
        try principal.rights.require(.engineer, on: try AssetPath(webhook.enterprise))
        try await store.deleteWebhook(id: id)
        webhooks.removeAll { $0.id == id }
    }

    /// Notifications that failed every retry, of the webhooks `principal` may manage, newest first.
    public func deadLetters(limit: Int, by principal: Principal) async throws -> [StoredDeadLetter] {
        let visible = Set(webhooks(by: principal).map(\.id))
        return try await store.deadLetters(limit: 1000).filter { visible.contains($0.webhookID) }.prefix(limit)
            .map { $0 }
    }
}
