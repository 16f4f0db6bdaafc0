import GantryAlarms
import GantryConnectors
import GantryControl
import GantryCore
import GantryScheduling
import GantryStorage
import Hummingbird
import Logging

/// Turns every error a route throws into a problem document, and logs what the client is not told.
///
/// This is the one place module errors meet HTTP: store codes, plant-model rule violations, access
/// refusals and framework errors each get their status here.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = GantryRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            let problem = Self.problem(for: error)
            if problem.status.code >= 500 {
                context.logger.error(
                    "request failed",
                    metadata: ["error": "\(String(reflecting: error))", "http.path": "\(request.uri.path)"])
            } else {
                context.logger.debug(
                    "request refused",
                    metadata: ["http.status": "\(problem.status.code)", "error": "\(problem.detail)"])
            }
            return try problem.response(from: request, context: context)
        }
    }

    static func problem(for error: any Error) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as PlantModelError:
            return APIError(.badRequest, title: "Validation failed", type: "validation", detail: error.message)
        case let error as AccessDenied:
            return APIError(.forbidden, title: "Forbidden", type: "forbidden", detail: error.description)
        case let error as AccountsError:
            return problem(for: error)
        case let error as MetadataStoreError:
            return problem(for: error)
        case let error as HTTPError:
            return problem(for: error)
        case let error as TelemetryError:
            return problem(for: error)
        case let error as AlarmError:
            return problem(for: error)
        case let error as ControlError:
            return problem(for: error)
        case let error as VideoError:
            return problem(for: error)
        case let error as ConnectorError:
            return problem(for: error)
        case let error as SchedulingError:
            return problem(for: error)
        default:
            return APIError(
                .internalServerError, title: "Internal error", type: "internal",
                detail: "the server failed to handle the request; the error is in its log")
        }
    }

    private static func problem(for error: AccountsError) -> APIError {
        switch error.code {
        case .throttled:
            var headers = HTTPFields()
            headers[.retryAfter] = "\(error.retryAfterSeconds ?? 1)"
            return APIError(
                .tooManyRequests, title: "Too many requests", type: "throttled", detail: error.message, headers: headers
            )
        case .wrongCurrentPassword:
            return APIError(.forbidden, title: "Forbidden", type: "forbidden", detail: error.message)
        default:
            var headers = HTTPFields()
            headers[.wwwAuthenticate] = "Bearer realm=\"gantry\""
            return APIError(
                .unauthorized, title: "Unauthorized", type: "unauthorized", detail: error.message, headers: headers)
        }
    }

    private static func problem(for error: MetadataStoreError) -> APIError {
        switch error.code {
        case .notFound:
            return APIError(.notFound, title: "Not found", type: "not-found", detail: error.message)
        case .alreadyExists:
            return APIError(.conflict, title: "Already exists", type: "conflict", detail: error.message)
        case .hasDependents:
            return APIError(.conflict, title: "Still in use", type: "in-use", detail: error.message)
        case .parentMissing, .invalidInput:
            return APIError(
                .unprocessableContent, title: "Validation failed", type: "validation", detail: error.message)
        default:
            return APIError(
                .serviceUnavailable, title: "Database unavailable", type: "database-unavailable",
                detail: "the metadata database did not answer; try again shortly")
        }
    }

    private static func problem(for error: TelemetryError) -> APIError {
        switch error.code {
        case .inFuture, .tooLate, .wrongType, .invalidWaveform:
            return APIError(
                .unprocessableContent, title: "Samples refused", type: "samples-refused",
                detail: "\(error.message); nothing of this request was stored")
        case .invalidQuery:
            return APIError(.badRequest, title: "Invalid query", type: "invalid-query", detail: error.message)
        case .tooLarge:
            return APIError(.contentTooLarge, title: "Batch too large", type: "too-large", detail: error.message)
        default:
            return APIError(
                .serviceUnavailable, title: "Telemetry store unavailable", type: "telemetry-unavailable",
                detail: "the telemetry store cannot serve this request; the reason is in the server log")
        }
    }

    private static func problem(for error: AlarmError) -> APIError {
        switch error.code {
        case .unknownAlarm, .unknownRule:
            return APIError(.notFound, title: "Not found", type: "not-found", detail: error.message)
        case .duplicateRule:
            return APIError(.conflict, title: "Already exists", type: "conflict", detail: error.message)
        case .invalidTransition:
            return APIError(.conflict, title: "Not possible now", type: "alarm-state", detail: error.message)
        default:
            let at = error.position.map { " (at byte \($0))" } ?? ""
            return APIError(
                .unprocessableContent, title: "Validation failed", type: "validation", detail: error.message + at)
        }
    }

    private static func problem(for error: ControlError) -> APIError {
        switch error.code {
        case .commandNotFound, .unknownEquipment:
            return APIError(.notFound, title: "Not found", type: "not-found", detail: error.message)
        case .notRequester:
            return APIError(.forbidden, title: "Forbidden", type: "forbidden", detail: error.message)
        case .leaseHeld, .leaseNotHeld:
            return APIError(.conflict, title: "Control lease", type: "lease", detail: error.message)
        case .interlocked:
            return APIError(.conflict, title: "Interlocked", type: "interlocked", detail: error.message)
        case .invalidTransition:
            return APIError(.conflict, title: "Not possible now", type: "command-state", detail: error.message)
        case .noDevice:
            return APIError(.conflict, title: "No device", type: "no-device", detail: error.message)
        default:
            return APIError(
                .unprocessableContent, title: "Validation failed", type: "validation", detail: error.message)
        }
    }

    /// A connector configuration is refused as invalid input; a peer that cannot be reached or refuses (a browse
    /// through the API) is the peer's failure, not the caller's.
    private static func problem(for error: ConnectorError) -> APIError {
        switch error.code {
        case .invalidConfiguration:
            return APIError(
                .unprocessableContent, title: "Validation failed", type: "validation", detail: error.message)
        case .refused:
            return APIError(.conflict, title: "Refused by the device", type: "device-refused", detail: error.message)
        default:
            return APIError(.badGateway, title: "Device unreachable", type: "device-unreachable", detail: error.message)
        }
    }

    /// An invalid scheduling problem names its place in extension members, so a client can point at it.
    private static func problem(for error: SchedulingError) -> APIError {
        var members: [String: ProblemMember] = ["code": .string(error.code.description)]
        if let job = error.job { members["job"] = .integer(job) }
        if let operation = error.operation { members["operation"] = .integer(operation) }
        if let line = error.line { members["line"] = .integer(line) }
        return APIError(
            .unprocessableContent, title: "Invalid scheduling problem", type: "invalid-problem",
            detail: error.message, members: members)
    }

    private static func problem(for error: VideoError) -> APIError {
        switch error.code {
        case .unknownCamera:
            return APIError(.notFound, title: "Not found", type: "not-found", detail: error.message)
        case .notJPEG:
            return APIError(
                .unsupportedMediaType, title: "Not a JPEG", type: "not-jpeg", detail: error.message)
        case .tooLarge:
            return APIError(.contentTooLarge, title: "Body too large", type: "too-large", detail: error.message)
        case .relayFull:
            return APIError(
                .serviceUnavailable, title: "Camera relay full", type: "relay-full", detail: error.message)
        default:
            return APIError(.badRequest, title: "Bad request", type: "bad-request", detail: error.message)
        }
    }

    private static func problem(for error: HTTPError) -> APIError {
        switch error.status {
        case .contentTooLarge:
            return APIError(
                .contentTooLarge, title: "Body too large", type: "too-large",
                detail: "the request body is larger than this server accepts")
        case .notFound:
            return APIError(.notFound, title: "Not found", type: "not-found", detail: "no route matches this path")
        case .methodNotAllowed:
            return APIError(
                .methodNotAllowed, title: "Method not allowed", type: "method-not-allowed",
                detail: "this path does not accept this method", headers: error.headers)
        default:
            return APIError(
                error.status, title: error.status.reasonPhrase, type: "http-\(error.status.code)",
                detail: error.body ?? error.status.reasonPhrase, headers: error.headers)
        }
    }
}
