import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore

extension Platform {
    /// The router with every route and the middleware in the order requests meet it: errors become
    /// problem documents, metrics and logs see every request, bodies are size-checked, then the caller is
    /// authenticated before any handler runs.
    ///
    /// - Parameter additionalRoutes: routes of modules that run only sometimes (the demo's simulator faults);
    ///   they get the same middleware and the same 405 handling as the platform's own.
    public func makeRouter(additionalRoutes: [any APIRoutes] = []) -> Router<GantryRequestContext> {
        let router = Router(context: GantryRequestContext.self, options: .autoGenerateHeadEndpoints)
        // Metrics outside the problem mapping, so they count the status the client got (a refused sample
        // is a 422, not the 500 an unmapped error would count as).
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: LogRequestsMiddleware(.debug))
        router.add(middleware: BodyLimitMiddleware(maxBodyBytes: configuration.maxBodyBytes))
        router.add(middleware: AuthenticationMiddleware(accounts: accounts))
        let routes = RouteRegistrar(router: router)
        OperationsRoutes(store: store, metrics: metrics).add(to: routes)
        AuthRoutes(accounts: accounts).add(to: routes)
        UserRoutes(accounts: accounts).add(to: routes)
        AssetRoutes(plant: plant).add(to: routes)
        TagRoutes(plant: plant).add(to: routes)
        TelemetryRoutes(telemetry: telemetry).add(to: routes)
        DeviceRoutes(plant: plant, presence: presence, connectors: connectors).add(to: routes)
        ConnectorRoutes(plant: plant, connectors: connectors).add(to: routes)
        EquipmentTypeRoutes(plant: plant).add(to: routes)
        AlarmRoutes(alarms: alarms).add(to: routes)
        AlarmRuleRoutes(alarms: alarms).add(to: routes)
        WebhookRoutes(alarms: alarms).add(to: routes)
        ControlRoutes(control: control, store: store).add(to: routes)
        CameraRoutes(relay: cameras, store: store).add(to: routes)
        ScheduleRoutes(board: schedules, plant: plant).add(to: routes)
        ConsoleRoutes(
            console: ConsoleContext(
                accounts: accounts, plant: plant, alarms: alarms, telemetry: telemetry, presence: presence,
                connectors: connectors, schedules: schedules,
                charts: .dygraphs(directory: configuration.consoleChartLibrary),
                gantt: .chartJS(directory: configuration.consoleGanttLibrary),
                sessionSeconds: configuration.tokenLifetimeSeconds),
            assets: ConsoleAssets()
        ).add(to: routes)
        LiveRoutes(live: live, control: control).add(to: router)
        for extra in additionalRoutes { extra.add(to: routes) }
        router.add(middleware: MethodNotAllowedMiddleware(allowed: routes.allowedMethods))
        return router
    }

    /// The HTTP application on the configured address, with `additionalRoutes` beside the platform's own.
    public func makeApplication(
        additionalRoutes: [any APIRoutes] = [],
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = makeRouter(additionalRoutes: additionalRoutes)
        return Application(
            router: router,
            // The same router answers WebSocket upgrades, so `/api/v1/live` passes the same middleware.
            server: .http1WebSocketUpgrade(webSocketRouter: router),
            configuration: .init(
                address: .hostname(configuration.httpHost, port: configuration.httpPort), serverName: "Gantry"),
            onServerRunning: onServerRunning,
            logger: logger)
    }
}
