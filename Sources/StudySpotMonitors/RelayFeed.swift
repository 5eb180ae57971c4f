import Foundation
import StudySpotCore
import StudySpotWire

/// The booking feed of a console with `[feed] source = "relay"` (CONTRACT §10):
/// one connection to the state cache on one thread, reading the stream
/// `studyspot relay` appends to (`feed:owner:{ID}` for an owner, `feed:all`
/// for operators) instead of LISTENing on every shard. It posts the same
/// `BookingFeedBatch` values `BookingFeed` posts, so every pane works
/// unchanged; an owner's seat maps come over the same connection
/// (`RelayFeed+Seats`), so an owner's console opens no database connection.
///
/// At start the newest entries are the feed's first rows and the entries
/// since the platform's midnight give today's counts and activity; then
/// `XREAD BLOCK` from the last id seen. A reconnect (the console's, or the
/// relay's restart) resumes from that id, so no change is lost, and
/// `BookingChangeFilter` drops a change the relay appended twice, so none
/// shows twice. Only the commands `RelayOwnerCommands.allowed` lists are sent.
public final class RelayFeed: @unchecked Sendable {
    public struct Options: Sendable {
        /// Entries read at start-up for the feed's first rows (the direct feed reads 300 a shard).
        public var initialRows = 300
        /// Largest batch one XREAD returns.
        public var batchLimit = 1_000
        /// How long one XREAD waits for news. Each wait is one command against
        /// the cache's daily budget (4,320 a day idle at 20 s), and the
        /// connection's timeout is this plus `timeoutMargin`, so a hung server
        /// is found within it.
        public var blockSeconds: Double = 20
        public var timeoutMargin: Double = 3
        /// Reconnect back-off bounds, as the direct feed's.
        public var backoffStart: TimeInterval = 0.2
        public var backoffMax: TimeInterval = 2
        /// How often an owner's seat maps are read again besides the changes that name them.
        public var seatRefresh: TimeInterval = 60
        /// The platform's day for "today's counts".
        public var timeZone = BookingTodayTally.platformTimeZone
        public init() {}
    }

    /// The key `BookingFeedBatch.shardStatus` carries the relay connection's state under.
    public static let statusKey = "relay"

    let url: String
    let scope: RelayFeedScope
    let options: Options
    let counter: OperationCounter
    let costTarget: String
    let policy: PollingPolicy
    private let post: @Sendable (BookingFeedBatch) -> Void
    /// An owner's seat maps (nil: not read, as for operators, who keep the direct seat-map monitor).
    let seatPost: (@Sendable (SeatMapMonitor.Output) -> Void)?
    /// This console's connection name on the server (`CLIENT SETNAME`), for tests that kill it.
    public let connectionName: String

    let cond = NSCondition()
    /// Under `cond`.
    var stopped = false
    private var filter = BookingChangeFilter()
    private var tally: BookingTodayTally
    private var activity: BookingActivity
    private var activityShards: Set<String> = []
    /// Bookings made up to this instant are in the start-up counts of a shard the backfill did not see.
    private var activityCutoff = Date.distantPast
    private var status = "connecting"
    private var loaded = false
    private var garbage = 0
    /// The newest entry read: where a reconnect resumes. The thread alone touches it.
    private var lastId: RelayStreamID?
    /// Seat state (`RelayFeed+Seats`), under `cond`.
    var seatState = RelaySeatCache()

    /// `url` is the state cache's URL, already carrying the owner's login for an
    /// owner (`RelayFeedConnect.ownerURL`); `costTarget` names the cache in the counter.
    public init(url: String, scope: RelayFeedScope, costTarget: String, options: Options = Options(),
                policy: PollingPolicy = PollingPolicy(), counter: OperationCounter = OperationCounter(),
                seats: (@Sendable (SeatMapMonitor.Output) -> Void)? = nil,
                post: @escaping @Sendable (BookingFeedBatch) -> Void) {
        self.url = url; self.scope = scope; self.options = options; self.counter = counter
        self.costTarget = costTarget; self.policy = policy; self.post = post; seatPost = seats
        tally = BookingTodayTally(now: Date(), timeZone: options.timeZone)
        activity = BookingActivity(timeZone: options.timeZone)
        connectionName = RelayFeedConnect.connectionName(scope)
    }

    public func start() {
        let t = NamedThread.thread("relay-feed") { [self] in run() }
        t.start()
    }

    /// Stops reading; the thread leaves at the latest when its XREAD's wait ends
    /// and posts nothing after this returns.
    public func stop() { cond.lock(); stopped = true; cond.broadcast(); cond.unlock() }

    var isStopped: Bool { cond.lock(); defer { cond.unlock() }; return stopped }

    // MARK: the thread

    private func run() {
        var backoff = options.backoffStart
        var attempt = 0
        while !isStopped {
            var connection: RedisConnection?
            do {
                let r = try RedisConnection(url: url, timeoutSeconds: options.blockSeconds + options.timeoutMargin,
                                            costTarget: CostTarget(costTarget, in: counter))
                connection = r
                try Self.ok(r.command(["CLIENT", "SETNAME", connectionName]))
                if lastId == nil { try backfill(r) }
                setStatus("live")
                backoff = options.backoffStart
                attempt = 0
                if seatPost != nil { try refreshSeats(r, only: nil) }
                try readLoop(r)
            } catch {
                attempt += 1
                setStatus("reconnecting in \(String(format: "%.1f", backoff))s (attempt \(attempt)): \(Self.firstLine(error))")
                sleepUnlessStopped(backoff)
                backoff = min(options.backoffMax, backoff * 2)
            }
            connection?.close()
        }
    }

    private func readLoop(_ r: RedisConnection) throws {
        while !isStopped {
            let now = Date()
            cond.lock()
            if tally.rollIfNeeded(now: now) { postLocked([]) }
            var until = tally.day.end
            cond.unlock()
            if seatPost != nil { until = min(until, nextSeatRefresh()) }
            let wait = min(options.blockSeconds, until.timeIntervalSince(now))
            // BLOCK 0 would wait for ever: at least a millisecond.
            let ms = max(1, Int((wait * 1000).rounded(.up)))
            let from = (lastId ?? .zero).description
            let reply = try r.command(["XREAD", "COUNT", String(options.batchLimit), "BLOCK", String(ms), "STREAMS", scope.stream, from])
            let entries = try RelayStreamReply.read(reply)
            var libraries: Set<Int64> = []
            if let last = entries.last {
                lastId = last.id
                libraries = deliver(entries)
            }
            if seatPost != nil { try refreshSeatsIfDue(r, changed: libraries) }
        }
    }

    /// The newest entries as the first rows, and today's counts and activity
    /// from every entry since the platform's midnight (up to the newest).
    private func backfill(_ r: RedisConnection) throws {
        setStatus("catching up")
        let newest = try RelayStreamReply.entries(r.command(["XREVRANGE", scope.stream, "+", "-", "COUNT", String(options.initialRows)]))
        let last = newest.first?.id ?? .zero
        cond.lock(); let day = tally.day; cond.unlock()
        var today: [BookingRecord] = []
        var bad: Set<RelayStreamID> = []
        // From the earlier of midnight and an hour ago, as the direct feed's read-back: the per-minute chart spans midnight.
        let readFrom = min(day.start, Date().addingTimeInterval(-3_660))
        var from = RelayStreamID(atOrAfter: readFrom)
        let page = 2_000
        while last != .zero && from <= last {
            let entries = try RelayStreamReply.entries(r.command(["XRANGE", scope.stream, from.description, last.description,
                                                                  "COUNT", String(page)]))
            for e in entries {
                switch RelayEntry.record(e.fields) {
                case .success(let rec): today.append(rec)
                case .failure: bad.insert(e.id)
                }
            }
            guard entries.count == page, let end = entries.last else { break }
            from = RelayStreamID(ms: end.id.ms, seq: end.id.seq + 1)
        }
        var shown: [BookingRecord] = []
        for e in newest.reversed() {
            switch RelayEntry.record(e.fields) {
            case .success(let rec): shown.append(rec)
            case .failure: bad.insert(e.id)
            }
        }
        let start = RelayFeedCounts.start(today, from: readFrom, now: Date(), appendedUpTo: last == .zero ? day.start : last.appendedAt)
        cond.lock()
        // Set, not added: a backfill cut short by a lost connection runs again from the start.
        garbage = bad.count
        for rec in today { tally.record(shard: rec.shard, id: rec.id, startsAt: rec.startsAt, status: rec.status) }
        for (shard, minutes) in start.minutes {
            activity.replace(shard: shard, minuteCounts: minutes, serverNow: start.cutoffs[shard] ?? start.cutoff)
            activityShards.insert(shard)
        }
        activityCutoff = start.cutoff
        let fresh = shown.filter { filter.admit($0.changeKey) }
        loaded = true
        status = "live"
        postLocked(fresh)
        cond.unlock()
        lastId = last
    }

    /// Decodes, deduplicates and posts entries; returns the libraries they name.
    private func deliver(_ entries: [RelayStreamEntry]) -> Set<Int64> {
        var records: [BookingRecord] = []
        records.reserveCapacity(entries.count)
        var bad = 0
        for e in entries {
            switch RelayEntry.record(e.fields) {
            case .success(let rec): records.append(rec)
            case .failure: bad += 1
            }
        }
        let now = Date()
        cond.lock(); defer { cond.unlock() }
        garbage += bad
        if seatPost != nil { seatState.note(records, at: now) }
        var fresh: [BookingRecord] = []
        for rec in records where filter.admit(rec.changeKey) {
            fresh.append(rec)
            tally.record(shard: rec.shard, id: rec.id, startsAt: rec.startsAt, status: rec.status)
            if activityShards.insert(rec.shard).inserted {
                activity.replace(shard: rec.shard, minuteCounts: [:], serverNow: activityCutoff)
            }
            activity.record(shard: rec.shard, id: rec.id, createdAt: rec.createdAt, serverNow: now)
        }
        if !fresh.isEmpty || bad > 0 { postLocked(fresh) }
        return Set(records.map(\.libraryId))
    }

    // MARK: posting

    /// Called with `cond` held, so batches leave in the order their state was taken.
    private func postLocked(_ changes: [BookingRecord]) {
        guard !stopped else { return }
        let now = Date()
        post(BookingFeedBatch(changes: changes, today: loaded ? tally.counts : nil, shardStatus: [Self.statusKey: status],
                              initialLoadDone: loaded, garbagePayloads: garbage,
                              activity: loaded ? activity.counts(serverNow: now, localNow: now) : nil))
    }

    private func setStatus(_ text: String) {
        cond.lock(); defer { cond.unlock() }
        // A relay that cannot be reached still counts as loaded: the pane says why instead of waiting.
        let changed = status != text || (!loaded && text.hasPrefix("reconnecting"))
        status = text
        if text.hasPrefix("reconnecting") { loaded = true }
        if changed { postLocked([]) }
    }

    func sleepUnlessStopped(_ seconds: TimeInterval) {
        let until = Date().addingTimeInterval(seconds)
        cond.lock()
        while !stopped && Date() < until { _ = cond.wait(until: until) }
        cond.unlock()
    }

    /// A reply that is a Redis error (NOPERM, WRONGTYPE) fails the connection's
    /// round: the status line shows it and the feed tries again.
    @discardableResult
    static func ok(_ reply: RedisReply) throws(RedisError) -> RedisReply {
        if case .error(let e) = reply { throw RedisError(kind: .command, message: e) }
        return reply
    }

    static func firstLine(_ error: Error) -> String {
        let text = (error as? RedisError)?.message ?? String(describing: error)
        return SecretMasking.masked(String(text.split(separator: "\n").first ?? ""))
    }
}
