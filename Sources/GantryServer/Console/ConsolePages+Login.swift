/// The sign-in form: a plain HTML form, so it works before any script and with any password manager.
enum LoginPage {
    static func render(next: String, error: String? = nil, username: String = "") -> String {
        let message =
            error.map { (text: String) -> String in #"<p class="error" role="alert">\#(HTML.escape(text))</p>"# } ?? ""
        let body = #"""
            <section class="login">
            <h1>Sign in to Gantry</h1>
            \#(message)
            <form method="post" action="/console/login">
            <input type="hidden" name="next" value="\#(HTML.escape(next))">
            <label for="username">User name</label>
            <input id="username" name="username" autocomplete="username" required value="\#(HTML.escape(username))" autofocus>
            <label for="password">Password</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required>
            <button type="submit">Sign in</button>
            </form>
            </section>
            """#
        return ConsoleLayout.page(title: "Sign in", section: nil, user: nil, body: body)
    }
}
