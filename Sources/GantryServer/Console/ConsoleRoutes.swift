import Foundation
import GantryAlarms
import GantryControl
import GantryCore
import GantryStorage
import Hummingbird

/// The web console under `/console/`: pages rendered here, the ES modules that keep them live, and the
/// charting library from the system. Pages find their user from the session cookie and send anyone
/// without one to the sign-in form; every action a page offers goes through the same API, with the same
/// rights, as any other client.
struct ConsoleRoutes {
    let console: ConsoleContext
    let assets: ConsoleAssets

    func add(to routes: RouteRegistrar) {
        routes.get("") { _, _ in ConsoleSession.redirect(to: "/console/") }
        routes.get("console/login") { request, _ in
            HTMLPage(
                html: LoginPage.render(
                    next: ConsoleSession.safeNext(request.uri.queryParameters["next"].map(String.init))))
        }
        routes.post("console/login") { request, context in try await signIn(request, context) }
        routes.post("console/logout") { _, _ in
            ConsoleSession.redirect(to: "/console/login", cookie: ConsoleSession.expiredCookie)
        }
        page(routes, "console/") { _, principal in
            let view = try await ConsolePlantView.load(console, by: principal)
            return HTMLPage(html: OverviewPage.render(view, user: principal.user.username))
        }
        page(routes, "console/status.json") { _, principal in
            let view = try await ConsolePlantView.load(console, by: principal)
            let json = try JSONEncoder().encode(OverviewPage.statuses(view))
            return Response(
                status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(data: json)))
        }
        page(routes, "console/equipment") { request, principal in try await equipment(request, principal) }
        page(routes, "console/control") { request, principal in
            let (asset, tags, latest, _) = try await equipmentData(request, principal)
            guard let type = asset.type, CommandCatalogue.commands(for: type) != nil else {
                throw APIError(
                    .notFound, title: "Not found", type: "not-found",
                    detail: "\(asset.path) cannot be operated remotely; only locomotives and cranes can")
            }
            return HTMLPage(
                html: ControlPage.render(asset: asset, tags: tags, latest: latest, user: principal.user.username))
        }
        page(routes, "console/alarms") { _, principal in
            let now = Timestamp.now.millisecondsSinceEpoch
            let alarms = await console.alarms.alarms(in: Self.listedStates, by: principal)
            let loads = try await console.alarms.load(from: now - 86_400_000, to: now, by: principal)
            let journal = try await journal(principal)
            return HTMLPage(
                html: AlarmsPage.render(alarms: alarms, loads: loads, journal: journal, user: principal.user.username))
        }
        page(routes, "console/alarms/rows") { _, principal in
            let alarms = await console.alarms.alarms(in: Self.listedStates, by: principal)
            return HTMLPage(html: AlarmsPage.rows(alarms))
        }
        page(routes, "console/alarms/journal-rows") { _, principal in
            HTMLPage(html: AlarmsPage.journalRows(try await journal(principal)))
        }
        page(routes, "console/alarms/kpi") { _, principal in
            let now = Timestamp.now.millisecondsSinceEpoch
            return HTMLPage(
                html: AlarmsPage.kpi(try await console.alarms.load(from: now - 86_400_000, to: now, by: principal)))
        }
        page(routes, "console/devices") { _, principal in
            let view = try await ConsolePlantView.load(console, by: principal)
            let connectors = try await Self.connectorSummaries(console)
            return HTMLPage(
                html: DevicesPage.render(view.devices, connectors: connectors, user: principal.user.username))
        }
        page(routes, "console/connector") { request, principal in
            guard let text = request.uri.queryParameters.get("device"), let id = UUID(uuidString: text) else {
                throw APIError.badRequest("query parameter 'device' must be a device id")
            }
            let device = try await console.plant.device(id: id, by: principal)
            return HTMLPage(html: ConnectorPage.render(device: device, user: principal.user.username))
        }
        page(routes, "console/rules") { _, principal in
            HTMLPage(html: RulesPage.render(await console.alarms.rules(by: principal), user: principal.user.username))
        }
        page(routes, "console/schedules") { _, principal in
            let records = await console.schedules.all().filter { $0.isVisible(to: principal) }
            return HTMLPage(html: SchedulesPage.render(records, user: principal.user.username))
        }
        page(routes, "console/schedule") { request, principal in
            guard let text = request.uri.queryParameters.get("id"), let id = UUID(uuidString: text) else {
                throw APIError.badRequest("query parameter 'id' must be a schedule id")
            }
            guard let record = await console.schedules.record(id), record.isVisible(to: principal) else {
                throw ScheduleRoutes.notFound(id)
            }
            return HTMLPage(html: SchedulePage.render(record, user: principal.user.username, gantt: console.gantt))
        }
        routes.get("console/assets/:file") { _, context in
            guard let name = context.parameters.get("file"), let file = assets.file(name) else {
                throw APIError(.notFound, title: "Not found", type: "not-found", detail: "no console file by that name")
            }
            return Self.file(file.data, contentType: file.contentType)
        }
        routes.get("console/vendor/:library/:file") { _, context in
            guard
                let library = [console.charts, console.gantt].first(where: {
                    $0.route == context.parameters.get("library")
                })
            else {
                throw APIError(
                    .notFound, title: "Not found", type: "not-found", detail: "no charting library by that name")
            }
            guard let name = context.parameters.get("file"), let file = library.file(name) else {
                throw APIError(
                    .notFound, title: "Not found", type: "not-found",
                    detail: library.missingReason ?? "no charting file by that name")
            }
            return Self.file(file.data, contentType: file.contentType)
        }
    }

    /// The states the alarm summary lists: everything but normal.
    static let listedStates = Set(AlarmState.allCases).subtracting([.normal])

    /// A page that needs a signed-in user; anyone else is sent to sign in and brought back.
    private func page(
        _ routes: RouteRegistrar, _ path: String,
        _ render: @escaping @Sendable (Request, Principal) async throws -> some ResponseGenerator
    ) {
        routes.get(path) { request, context -> Response in
            guard let principal = await ConsoleSession.principal(request, accounts: console.accounts) else {
                return ConsoleSession.signIn(returningTo: request)
            }
            return try await render(request, principal).response(from: request, context: context)
        }
    }

    private func journal(_ principal: Principal) async throws -> [StoredAlarmJournalEntry] {
        guard !principal.rights.scopes(for: .viewer).isEmpty else { return [] }
        return try await console.alarms.journal(
            under: nil, alarmID: nil, since: nil, limit: 50, offset: 0, by: principal
        ).items
    }

    private func equipment(_ request: Request, _ principal: Principal) async throws -> HTMLPage {
        let (asset, tags, latest, view) = try await equipmentData(request, principal)
        return HTMLPage(
            html: EquipmentPage.render(
                asset: asset, tags: tags, latest: latest, view: view, charts: console.charts,
                user: principal.user.username))
    }

    /// The asset at `?path=`, its own tags and their latest values.
    private func equipmentData(
        _ request: Request, _ principal: Principal
    ) async throws -> (Asset, [Tag], [TagPath: TelemetryPoint], ConsolePlantView) {
        guard let text = request.uri.queryParameters["path"], let path = try? AssetPath(String(text)) else {
            throw APIError.badRequest("give the equipment as ?path=enterprise/site/…")
        }
        let view = try await ConsolePlantView.load(console, by: principal, under: path)
        guard let asset = view.assets.first(where: { $0.path == path }) else {
            throw APIError(
                .notFound, title: "Not found", type: "not-found", detail: "no asset at \(path) that you may see")
        }
        let tags = try await console.plant.tags(prefix: path, dataType: nil, limit: 1000, offset: 0, by: principal)
            .items.filter { $0.path.asset == path }
        var latest: [TagPath: TelemetryPoint] = [:]
        for start in stride(from: 0, to: tags.count, by: TelemetryParameters.maximumTags) {
            let batch = tags[start..<min(start + TelemetryParameters.maximumTags, tags.count)]
            for series in try await console.telemetry.latest(batch.map { .path($0.path) }, by: principal) {
                if let point = series.points.last { latest[series.tag] = point }
            }
        }
        return (asset, tags, latest, view)
    }

    private func signIn(_ request: Request, _ context: GantryRequestContext) async throws -> Response {
        struct Form: Decodable {
            var username: String?
            var password: String?
            var next: String?
        }
        let body = try await request.body.collect(upTo: 16 * 1024)
        let form = (try? URLEncodedFormDecoder().decode(Form.self, from: String(buffer: body))) ?? Form()
        let next = ConsoleSession.safeNext(form.next)
        guard let username = form.username, let password = form.password, !username.isEmpty else {
            return try HTMLPage(
                status: .badRequest, html: LoginPage.render(next: next, error: "Give a user name and a password.")
            )
            .response(from: request, context: context)
        }
        do {
            let (token, _) = try await console.accounts.signIn(
                username: username, password: password, address: context.clientAddress)
            return ConsoleSession.redirect(
                to: next, cookie: ConsoleSession.cookie(token: token, maxAgeSeconds: console.sessionSeconds))
        } catch let error as AccountsError {
            let message =
                error.code == .throttled ? error.message : "The user name or the password is wrong."
            return try HTMLPage(
                status: error.code == .throttled ? .tooManyRequests : .unauthorized,
                html: LoginPage.render(next: next, error: message, username: username)
            ).response(from: request, context: context)
        }
    }

    private static func file(_ data: Data, contentType: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: contentType, .cacheControl: "no-cache", .xContentTypeOptions: "nosniff"],
            body: .init(byteBuffer: ByteBuffer(data: data)))
    }
}
