import Foundation

/// The platform parts the console reads, handed to every page.
struct ConsoleContext: Sendable {
    let accounts: Accounts
    let plant: PlantRegistry
    let alarms: AlarmService
    let telemetry: TelemetryService
    let presence: DevicePresence
    let connectors: ConnectorSupervisor
    let schedules: ScheduleBoard
    let charts: ChartLibrary
    let sessionSeconds: Int
}
