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
    /// dygraphs, for the trends.
    let charts: ChartLibrary
    /// Chart.js, for the Gantt charts.
    let gantt: ChartLibrary
    let sessionSeconds: Int
}
