import GantryDemo
import GantrySimulator

/// What `gantry demo` prints once it is serving: where the console is, who to sign in as, and how to break
/// the plant. Device passwords are never part of it.
struct DemoBanner {
    let credentials: DemoCredentials
    let generatedAdminPassword: String?
    let httpHost: String
    let dataDirectory: String

    func text(httpPort: Int, mqttPort: Int) -> String {
        let base = "http://\(DemoSimulator.connectableHost(httpHost)):\(httpPort)"
        let account = credentials.operatorAccount
        let operatorPassword = account.isGenerated ? account.password : "(from GANTRY_DEMO_PASSWORD)"
        let adminPassword = generatedAdminPassword ?? "(GANTRY_ADMIN_PASSWORD, or as shown at the first start)"
        let plant = SimulatedPlant.standard
        var setup = [
            account.isGenerated
                ? "export GANTRY_PASSWORD='\(account.password)'" : "export GANTRY_PASSWORD=\"$GANTRY_DEMO_PASSWORD\""
        ]
        if base != "http://127.0.0.1:8080" { setup.append("export GANTRY_URL=\(base)") }
        return """
            ------------------------------------------------------------
            Gantry demo: \(plant.sites.map(\.name).joined(separator: " and ")) are running.
              Console   \(base)/
              Operator  \(account.username)  \(operatorPassword)
              Admin     admin  \(adminPassword)
              MQTT      port \(mqttPort), \(plant.devices.count) simulated devices
            Break the plant from another terminal:
              \(setup.joined(separator: "\n  "))
              gantry demo fault inject --kind bearing-wear --target qingdao-mine/underground/ventilation/fan-01
              gantry demo fault list
            Data in \(dataDirectory); Ctrl-C stops, `gantry demo` again carries on.
            ------------------------------------------------------------

            """
    }
}
