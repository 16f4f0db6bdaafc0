/// A loopback port on which every connection is refused, for tests of an absent device.
///
/// It is port 1 (tcpmux): privileged and never bound on a test machine. The port of a server a test has just
/// stopped is not a safe stand-in: the tests run in parallel and bind ephemeral ports, so another test's server
/// can take that port a moment later, and the "absent" device answers.
public enum RefusedPort {
    public static let number = 1
}
