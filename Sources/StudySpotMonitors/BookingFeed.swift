import Foundation
import StudySpotCore
import StudySpotWire

/// The live booking feed: one thread per users shard LISTENs on
/// `studyspot_bookings` with a connection of its own, re-reads the notified
/// rows in batches through that connection's permissions (a prepared
/// statement), and posts the new changes straight from that thread. Bursts
/// are coalesced downstream: the UI's event queue merges a batch into the one
/// still waiting there (`EventQueue(merge:)`), so nothing here waits on a
/// timer and an idle console gets a change as soon as it is read. After every
/// (re)connect a shard reads what changed while it was away, from its newest
/// `updated_at` minus a safety margin; `BookingChangeFilter` drops what was
/// already shown. Idle, each shard's thread sleeps in `poll` until a
/// notification, `stop()`, or midnight.
public final class BookingFeed: @unchecked Sendable {
    public struct Options: Sendable {
        /// Catch-up safety margin before the newest `updated_at` seen.
        public var margin: TimeInterval = 10
        /// Rows read at start-up per shard.
        public var initialRows = 300
        /// Largest batch of ids re-read at once.
        public var batchLimit = 1_000
        /// Reconnect back-off bounds. The longest wait is the console's default
        /// refresh, so a shard that is back is live again within a refresh or two.
        public var backoffStart: TimeInterval = 0.2
        public var backoffMax: TimeInterval = 2
        /// A shard silent this long is asked `SELECT 1` with this deadline: a hung
        /// server (SIGSTOP) sends nothing, exactly like a quiet one, and the
        /// feed would show it live for ever (found by the fault suite). An
        /// answer the server gave another of this console's connections (the
        /// Shards pane's monitor, `SharedReading.shardAnswered`) counts as
        /// hearing from it: a hung server answers none, so the check still
        /// comes at most `idleCheck` (and an eighth) after its last answer.
        /// An operator's console sets it to the Shards monitor's interval
        /// (`ShardMonitor.defaultInterval`), so with its answers an idle feed
        /// asks nothing itself; the fault suite sets it to its refresh.
        public var idleCheck: TimeInterval = 2
        public var idleCheckTimeout: TimeInterval = 2
        /// The feed's own connection is asked at least this often however
        /// often the server answers the others: an idle connection a NAT or
        /// firewall dropped silently shows only on itself.
        public var ownCheck: TimeInterval = 30
        /// The platform's day for "today's counts".
        public var timeZone = BookingTodayTally.platformTimeZone
        /// How often library names are read again from the catalog.
        public var namesRefresh = CatalogCache.namesRefreshSeconds
        /// Where a restarted reader left off (the relay, from its stream's
        /// tail): these changes count as already delivered, and each shard
        /// named catches up from its newest one (minus `margin`) instead of
        /// reading the newest rows.
        public var resumeAfter: [BookingChangeKey] = []
        /// Shards with nothing in `resumeAfter` that catch up from this
        /// instant (minus `margin`) instead of reading the newest rows.
        public var resumeFrom: [String: Date] = [:]
        /// Today's counts and the per-minute read-back (the console's charts);
        /// a reader that only forwards changes skips those queries.
        public var readsTallies = true
        public init() {}
    }

    private let shards: [ShardConfig]
    private let login: LoginConfig?
    private let options: Options
    private let catalog: CatalogCache
    private let policy: PollingPolicy
    private let counter: OperationCounter
    private let post: @Sendable (BookingFeedBatch) -> Void

    private let cond = NSCondition()
    private var stopped = false
    /// Written once by `stop()`; every shard's `poll` watches its read end.
    private let stopPipe: (read: Int32, write: Int32)
    private var filter: BookingChangeFilter
    private var tally: BookingTodayTally
    private var activity: BookingActivity
    /// The server's clock minus this machine's, from the last query that read it.
    private var serverOffset: TimeInterval = 0
    private var status: [String: String] = [:]
    private var loadedShards: Set<String> = []
    private var garbage = 0
    private var pids: [String: Int32] = [:]
    private var threads: [Thread] = []

    public init(topology: Topology, login: LoginConfig?, catalog: CatalogCache? = nil, options: Options = Options(),
                policy: PollingPolicy = PollingPolicy(), counter: OperationCounter = OperationCounter(),
                post: @escaping @Sendable (BookingFeedBatch) -> Void) {
        shards = topology.shards.filter { $0.role == .users }
        self.login = login
        self.options = options
        self.policy = policy
        self.counter = counter
        self.catalog = catalog ?? CatalogCache(topology: topology, login: login, counter: counter)
        self.post = post
        filter = BookingChangeFilter(margin: options.margin)
        for key in options.resumeAfter { _ = filter.admit(key) }
        for (shard, from) in options.resumeFrom { filter.resume(shard, from: from) }
        tally = BookingTodayTally(now: Date(), timeZone: options.timeZone)
        activity = BookingActivity(timeZone: options.timeZone)
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC); _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        }
        stopPipe = (fds[0], fds[1])
    }

    deinit {
        if stopPipe.read >= 0 { close(stopPipe.read); close(stopPipe.write) }
    }

    public func start() {
        for shard in shards {
            status[shard.name] = "connecting"
            let t = NamedThread.thread("feed-\(shard.name)") { [self] in runShard(shard) }
            threads.append(t)
        }
        threads.forEach { $0.start() }
    }

    public func stop() {
        cond.lock(); stopped = true; cond.broadcast(); cond.unlock()
        var b: UInt8 = 1
        _ = write(stopPipe.write, &b, 1)
    }

    /// Each shard's listening backend (for tests that kill it).
    public var listenerPIDs: [String: Int32] { cond.lock(); defer { cond.unlock() }; return pids }

    private var isStopped: Bool { cond.lock(); defer { cond.unlock() }; return stopped }

    // MARK: posting

    /// Hands the news to the console. Called with `cond` held, so batches
    /// leave in the order their state was taken (a shard's "live" never
    /// arrives before its "catching up").
    private func postLocked(_ changes: [BookingRecord], libraries: [SeatLibrary] = []) {
        let local = Date()
        var batch = BookingFeedBatch(changes: changes, today: tally.counts, shardStatus: status,
                                     initialLoadDone: loadedShards.count == shards.count, garbagePayloads: garbage,
                                     activity: activity.counts(serverNow: local.addingTimeInterval(serverOffset), localNow: local))
        batch.libraries = libraries
        post(batch)
    }

    /// Libraries renamed in the catalog reach the console (whichever shard's
    /// thread finds the refresh due reads it; the others find it done).
    private func refreshNamesIfDue() {
        let renamed = catalog.refreshNamesIfDue(every: options.namesRefresh)
        guard !renamed.isEmpty else { return }
        cond.lock(); postLocked([], libraries: renamed); cond.unlock()
    }

    private func setStatus(_ shard: String, _ text: String, loaded: Bool = false) {
        cond.lock(); defer { cond.unlock() }
        var changed = false
        if status[shard] != text { status[shard] = text; changed = true }
        if loaded && loadedShards.insert(shard).inserted { changed = true }
        if changed { postLocked([]) }
    }

    /// Annotates, deduplicates and posts rows read from one shard.
    private func deliver(_ read: (rows: [BookingRecord], serverNow: Date?), annotated: Bool = false) {
        let rows = read.rows
        guard !rows.isEmpty else { return }
        var records = rows
        if !annotated { catalog.annotate(&records) }
        records.sort { ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) }
        cond.lock(); defer { cond.unlock() }
        if let server = read.serverNow { serverOffset = server.timeIntervalSinceNow }
        let serverNow = Date().addingTimeInterval(serverOffset)
        var fresh: [BookingRecord] = []
        fresh.reserveCapacity(records.count)
        for r in records where filter.admit(r.changeKey, serverNow: read.serverNow) {
            fresh.append(r)
            tally.record(shard: r.shard, id: r.id, startsAt: r.startsAt, status: r.status)
            activity.record(shard: r.shard, id: r.id, createdAt: r.createdAt, serverNow: serverNow)
        }
        if !fresh.isEmpty { postLocked(fresh) }
    }

    // MARK: one shard

    private func runShard(_ shard: ShardConfig) {
        var backoff = options.backoffStart
        var attempt = 0
        var firstLoadAt: Date? = nil
        while !isStopped {
            do {
                // The charts' read-back and today's tally on a connection of
                // their own, opened beside the feed's: the read-back at once (its
                // counts stop at the server's clock when it ran, so it may run
                // before LISTEN), the tally once LISTEN is in (nothing committed
                // after it is missed). The tally's rows are up to ~1 MB each, and
                // libpq's input buffer, grown to the largest row, closes with this
                // connection instead of staying with the feed's for the console's
                // lifetime (1 MB at 10x: Benchmarks/README.md, the footprint's heap
                // section). One connection for both: each costs the shard a
                // backend and the console a SCRAM exchange at start.
                let listening = SideReadGate()
                let startRead = options.readsTallies ? SideRead("start", shard: shard) { [self] in
                    let own = try connect(shard)
                    defer { own.close() }
                    try readBackActivity(own, shard)
                    try listening.wait()
                    return try loadToday(own, shard)
                } : nil
                // Waited for on every path, so it never outlives this attempt.
                defer { listening.abandon(); startRead?.waitIgnoringFailure() }
                let c = try connect(shard)
                // LISTEN before reading, so nothing committed in between is missed.
                try c.listen("studyspot_bookings")
                listening.open()
                cond.lock(); pids[shard.name] = c.backendPID; cond.unlock()
                setStatus(shard.name, "catching up")
                cond.lock(); let from = filter.catchUpFrom(shard.name); cond.unlock()
                var loadedDay = Date.distantPast
                if let since = from ?? firstLoadAt.map({ $0.addingTimeInterval(-options.margin) }) {
                    loadedDay = try startRead?.wait() ?? .distantPast
                    try catchUp(c, shard, since: since)
                } else {
                    let serverNow = try c.query("SELECT now() AS now").first?.date("now") ?? Date()
                    firstLoadAt = serverNow
                    var newest = try BookingFeedSQL.records(c.query(BookingFeedSQL.newest, [options.initialRows]), shard: shard.name)
                    catalog.annotate(&newest.rows)
                    // The read-back's counts first: rows made after it are counted
                    // as the feed delivers them, the others are in it. And the tally
                    // loaded first: its load replaces the shard's share.
                    loadedDay = try startRead?.wait() ?? .distantPast
                    deliver(newest, annotated: true)
                }
                setStatus(shard.name, "live", loaded: true)
                backoff = options.backoffStart
                attempt = 0
                try listenLoop(c, shard, loadedDay: &loadedDay)
            } catch {
                attempt += 1
                let text = "reconnecting in \(String(format: "%.1f", backoff))s (attempt \(attempt)): \(firstLine(error))"
                // A dead shard still counts as loaded, so the pane does not wait on it forever.
                setStatus(shard.name, text, loaded: true)
                sleepUnlessStopped(backoff)
                backoff = min(options.backoffMax, backoff * 2)
            }
        }
    }

    private func listenLoop(_ c: PGConnection, _ shard: ShardConfig, loadedDay: inout Date) throws {
        try c.prepare(BookingFeedSQL.byIdsName, BookingFeedSQL.byIds)
        // Without tallies there is no midnight to wake for.
        cond.lock(); var dayEnd = options.readsTallies ? tally.day.end : .distantFuture; cond.unlock()
        // The last sign of life of the server (`heard`) and of this connection (`own`).
        var heard = Date(), own = Date()
        while !isStopped {
            refreshNamesIfDue()
            if options.readsTallies && Date() >= dayEnd {
                // Midnight, even when notifications never stop coming.
                try rollDayIfNeeded(shard, loadedDay: &loadedDay)
                cond.lock(); dayEnd = tally.day.end; cond.unlock()
            }
            // Notifications libpq already buffered (during the last re-read) first.
            var notes = try c.drainNotifications()
            if notes.isEmpty {
                // A silent shard is asked SELECT 1 now and then: a hung server sends
                // nothing, just like a quiet one (found by the fault suite).
                let checkEvery = policy.interval(target: shard.name, base: options.idleCheck)
                let answered = SharedReading.shardAnswered.fresh(shard.endpoint, maxAge: checkEvery)
                heard = max(heard, answered ?? heard)
                let checkDue = Self.idleCheckDue(heard: heard, own: own, every: checkEvery, ownEvery: options.ownCheck)
                if Date() >= checkDue {
                    try checkAlive(c)
                    heard = Date(); own = heard
                    continue
                }
                // Until a notification, stop(), the next idle check or the platform's midnight.
                let until = min(dayEnd, checkDue)
                let ms = Int((until.timeIntervalSinceNow * 1000).rounded(.up)) + 1
                var fds = [pollfd(fd: c.socket, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: stopPipe.read, events: Int16(POLLIN), revents: 0)]
                _ = poll(&fds, 2, Int32(max(0, min(ms, 600_000))))
                if fds[1].revents != 0 || isStopped { return }
                if fds[0].revents == 0 { continue }
                notes = try c.drainNotifications()
                if notes.isEmpty { continue }
            }
            heard = Date(); own = heard
            // Take whatever else is already buffered, up to one batch.
            while notes.count < options.batchLimit {
                let more = try c.drainNotifications()
                if more.isEmpty { break }
                notes += more
            }
            var ids: [Int64] = []
            var seen = Set<Int64>()
            var bad = 0
            for n in notes {
                guard let id = BookingPayload.bookingId(n.payload) else { bad += 1; continue }
                if seen.insert(id).inserted { ids.append(id) }
            }
            if bad > 0 { cond.lock(); garbage += bad; cond.unlock() }
            for chunk in stride(from: 0, to: ids.count, by: options.batchLimit) {
                let part = Array(ids[chunk..<min(ids.count, chunk + options.batchLimit)])
                deliver(try BookingFeedSQL.records(c.queryPrepared(BookingFeedSQL.byIdsName, [PGArray(part)]), shard: shard.name))
            }
        }
    }

    /// When a silent shard is next asked `SELECT 1`: `every` (and an eighth:
    /// the Shards pane's monitor answers on the same whole seconds, a few
    /// milliseconds after the check would be due) after the server was last
    /// heard from on any connection, and at least every `ownEvery` on the
    /// feed's own.
    static func idleCheckDue(heard: Date, own: Date, every: TimeInterval, ownEvery: TimeInterval) -> Date {
        min(heard.addingTimeInterval(every * 1.125), own.addingTimeInterval(max(every, ownEvery)))
    }

    /// Throws when the server does not answer within `idleCheckTimeout`.
    private func checkAlive(_ c: PGConnection) throws {
        let normal = c.callTimeoutSeconds
        c.callTimeoutSeconds = options.idleCheckTimeout
        defer { c.callTimeoutSeconds = normal }
        try c.query("SELECT 1")
    }

    private func catchUp(_ c: PGConnection, _ shard: ShardConfig, since: Date) throws {
        var after = (since, Int64(0))
        let page = 2_000
        while true {
            let read = try BookingFeedSQL.records(c.query(BookingFeedSQL.since, [after.0, after.1, page]), shard: shard.name)
            deliver(read)
            let rows = read.rows
            // Stop when a page is short, or when it did not move on (rows stamped 'infinity' all read as one instant).
            guard rows.count == page, let last = rows.last, (last.updatedAt, last.id) > after else { return }
            after = (last.updatedAt, last.id)
        }
    }

    @discardableResult
    private func loadToday(_ c: PGConnection, _ shard: ShardConfig) throws -> Date {
        cond.lock(); let day = tally.day; cond.unlock()
        // One row per status, each with its ids (at 10x a shard has tens of
        // thousands today: Benchmarks/README.md, "Footprint: start-up").
        // The lists are handed over without a copy: the tally sorts them in place.
        var groups: [(status: BookingStatus, ids: [Int64])] = []
        try c.forEachRow(BookingFeedSQL.today, [day.start, day.end], columns: ["status", "ids"]) { r in
            if let st = r.optionalString(0).flatMap(BookingStatus.init(rawValue:)), let ids = try? r.optionalInt64Array(1) {
                groups.append((st, ids))
            }
        }
        cond.lock()
        // Past midnight meanwhile: the new day's reload (rollDayIfNeeded) fills it.
        if tally.day == day { tally.load(shard: shard.name, idsByStatus: consume groups) }
        postLocked([])
        cond.unlock()
        return day.start
    }

    /// Bookings made in the last hour and today, counted by the shard itself,
    /// so a fresh (or reconnected) console shows them, not an empty chart.
    private func readBackActivity(_ c: PGConnection, _ shard: ShardConfig) throws {
        cond.lock(); let dayStart = tally.day.start; cond.unlock()
        // A minute of slack for a server clock ahead of ours.
        let from = min(dayStart, Date().addingTimeInterval(-3_660))
        let rows = try c.query(BookingFeedSQL.madePerMinute, [from]).rows
        var minutes: [Int64: Int] = [:]
        var serverNow: Date?
        for r in rows {
            if serverNow == nil, let d = try? r.optionalDate("server_now") { serverNow = d }
            if let m = try? r.optionalInt("minute"), let n = try? r.optionalInt("n") { minutes[m] = Int(n) }
        }
        let now = serverNow ?? Date()
        cond.lock()
        serverOffset = now.timeIntervalSinceNow
        activity.replace(shard: shard.name, minuteCounts: minutes, serverNow: now)
        postLocked([])
        cond.unlock()
    }

    /// At midnight (platform time) the first thread to notice starts a new day;
    /// each shard then reloads its own share of today's bookings.
    private func rollDayIfNeeded(_ shard: ShardConfig, loadedDay: inout Date) throws {
        cond.lock()
        _ = tally.rollIfNeeded(now: Date())
        let day = tally.day.start
        cond.unlock()
        guard day != loadedDay else { return }
        // On a connection of its own, as at start (the new day's rows are as large).
        let own = try connect(shard)
        defer { own.close() }
        loadedDay = try loadToday(own, shard)
    }

    private func connect(_ shard: ShardConfig) throws -> PGConnection {
        try PGConnection(dsn: shard.dsn, options: BookingFeedConnect.options(for: shard, login: login, counter: counter))
    }

    private func sleepUnlessStopped(_ seconds: TimeInterval) {
        let until = Date().addingTimeInterval(seconds)
        cond.lock()
        while !stopped && Date() < until { _ = cond.wait(until: until) }
        cond.unlock()
    }

    private func firstLine(_ error: Error) -> String {
        let text = (error as? PGError)?.message ?? String(describing: error)
        return String(text.split(separator: "\n").first ?? "")
    }
}
