import Foundation

/// The day today's tally was loaded for, handed from the thread that read it
/// (`BookingFeed`'s start-up) to the feed's thread, which checks it at midnight.
final class LoadedDay: @unchecked Sendable {
    private let lock = NSLock()
    private var day: Date?

    func set(_ d: Date) { lock.lock(); day = d; lock.unlock() }
    func get() -> Date? { lock.lock(); defer { lock.unlock() }; return day }
}
