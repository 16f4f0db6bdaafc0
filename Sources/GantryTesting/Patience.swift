/// How long a test waits for something that must happen before it calls it missing.
///
/// Generous on purpose: a CI machine running the whole suite in parallel on two cores stalls for seconds,
/// and a passing test never waits the bound out, so it only turns a hang into a failure with a reason. A wait
/// a test expects to run out ("nothing more arrives") takes a short window of its own instead.
public enum Patience {
    public static let reply: Duration = .seconds(30)
}
