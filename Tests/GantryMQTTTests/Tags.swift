import Testing

extension Tag {
    /// Tests that take seconds rather than milliseconds (the fuzz runs); each is still bounded.
    @Tag static var slow: Self
}
