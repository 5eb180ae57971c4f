import Testing

/// `#expect { try body() } throws: { matches($0) }` written out: that form
/// of the macro is deprecated in Swift Testing 6.3, and a stale incremental
/// build crashed inside it (signal 11 while capturing the thrown error's
/// backtrace); plain Swift keeps the call and the check where they can be read.
public func expectError<T>(_ body: () throws -> T, sourceLocation: SourceLocation = #_sourceLocation,
                           matching matches: (any Error) throws -> Bool) {
    do {
        _ = try body()
        Issue.record("expected an error; none was thrown", sourceLocation: sourceLocation)
    } catch {
        let matched = (try? matches(error)) ?? false
        #expect(matched, "unexpected error: \(error)", sourceLocation: sourceLocation)
    }
}
