import Foundation
import Hummingbird

/// Who is looking at a console page: the `gantry_session` cookie resolved to a ``Principal``, or nobody,
/// in which case the page sends the browser to the sign-in form and back afterwards.
enum ConsoleSession {
    /// The signed-in user of `request`, or `nil` when the cookie is missing, expired or forged.
    static func principal(_ request: Request, accounts: Accounts) async -> Principal? {
        guard let cookie = request.cookies[AuthenticationMiddleware.sessionCookie], !cookie.value.isEmpty else {
            return nil
        }
        return try? await accounts.principal(forToken: cookie.value)
    }

    /// A 303 to the sign-in form that returns to `request`'s page afterwards.
    static func signIn(returningTo request: Request) -> Response {
        let back = request.uri.path + (request.uri.query.map { "?\($0)" } ?? "")
        return redirect(to: "/console/login?next=\(HTML.query(back))")
    }

    static func redirect(to location: String, cookie: String? = nil) -> Response {
        var headers: HTTPFields = [.location: location]
        if let cookie { headers[.setCookie] = cookie }
        return Response(status: .seeOther, headers: headers)
    }

    /// Where to go after signing in: only a console page, so the form cannot be used to send someone
    /// elsewhere.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/console/"), !next.hasPrefix("/console//"), !next.contains("\\") else {
            return "/console/"
        }
        return next
    }

    /// The session cookie for `token`: not readable by scripts, never sent by another site's page.
    static func cookie(token: String, maxAgeSeconds: Int) -> String {
        "\(AuthenticationMiddleware.sessionCookie)=\(token); Path=/; HttpOnly; SameSite=Strict; Max-Age=\(maxAgeSeconds)"
    }

    static let expiredCookie =
        "\(AuthenticationMiddleware.sessionCookie)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
}
