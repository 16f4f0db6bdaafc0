import Hummingbird
import Logging
import NIOCore

extension Platform {
    /// The router with every route and the middleware in the order requests meet it: errors become
    /// problem documents, metrics and logs see every request, bodies are size-checked, then the caller is
    /// authenticated before any handler runs.
    public func makeRouter() -> Router<GantryRequestContext> {
        let router = Router(context: GantryRequestContext.self)
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: LogRequestsMiddleware(.debug))
        router.add(middleware: BodyLimitMiddleware(maxBodyBytes: configuration.maxBodyBytes))
        router.add(middleware: AuthenticationMiddleware(accounts: accounts))
        OperationsRoutes(store: store, metrics: metrics).add(to: router)
        let api = router.group("api/v1")
        AuthRoutes(accounts: accounts).add(to: api)
        UserRoutes(accounts: accounts).add(to: api)
        AssetRoutes(plant: plant).add(to: api)
        TagRoutes(plant: plant).add(to: api)
        DeviceRoutes(plant: plant).add(to: api)
        EquipmentTypeRoutes(plant: plant).add(to: api)
        return router
    }

    /// The HTTP application on the configured address.
    public func makeApplication(
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: makeRouter(),
            configuration: .init(
                address: .hostname(configuration.httpHost, port: configuration.httpPort), serverName: "Gantry"),
            onServerRunning: onServerRunning,
            logger: logger)
    }
}
