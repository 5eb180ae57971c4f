import Foundation

/// The Events pane's memory: at most `capacity` events, oldest dropped
/// first, kept in time order (events arrive nearly in order; an audit row
/// read late slides back to its place).
public struct EventRing: Sendable, Equatable {
    public static let defaultCapacity = 2_000
    public let capacity: Int
    /// Oldest first.
    public private(set) var events: [ConsoleEvent] = []
    /// Bumped on every change, so redraw checks compare one number first.
    public private(set) var revision = 0

    public init(capacity: Int = EventRing.defaultCapacity) { self.capacity = max(1, capacity) }

    public mutating func append(contentsOf new: [ConsoleEvent]) {
        guard !new.isEmpty else { return }
        for e in new {
            var i = events.endIndex
            while i > events.startIndex && events[i - 1].at > e.at { i -= 1 }
            events.insert(e, at: i)
        }
        if events.count > capacity { events.removeFirst(events.count - capacity) }
        revision &+= 1
    }

    /// Newest first, those matching `query`.
    public func newestFirst(matching query: String = "") -> [ConsoleEvent] {
        events.reversed().filter { $0.matches(query) }
    }

    public static func == (a: EventRing, b: EventRing) -> Bool {
        a.revision == b.revision && a.capacity == b.capacity && a.events == b.events
    }
}
