/// What a simulation run wrote, by the simulation's own count, so tests can
/// compare it with the rows and keys that are really there.
public struct SimulationCounts: Sendable, Equatable, Codable {
    public var created = 0
    public var checkedIn = 0
    public var completed = 0
    public var cancelled = 0
    public var noShow = 0
    public var archived = 0
    public var usageSamples = 0
    public var emailsSent: [String: Int] = [:]
    public var emailsQueued = 0
    public var requests: [String: Int] = [:]
    public var heartbeats = 0
    /// Booking ids written per users shard (created or changed).
    public var changesByShard: [String: Int] = [:]

    public var bookingChanges: Int { created + checkedIn + completed + cancelled + noShow }

    mutating func add(_ other: SimulationCounts) {
        created += other.created; checkedIn += other.checkedIn; completed += other.completed
        cancelled += other.cancelled; noShow += other.noShow; archived += other.archived
        usageSamples += other.usageSamples; emailsQueued += other.emailsQueued; heartbeats += other.heartbeats
        emailsSent.merge(other.emailsSent, uniquingKeysWith: +)
        requests.merge(other.requests, uniquingKeysWith: +)
        changesByShard.merge(other.changesByShard, uniquingKeysWith: +)
    }
}
