import Foundation
import StudySpotCore
import StudySpotMonitors
import StudySpotWire

/// `studyspot relay`: one process per deployment that LISTENs on every users
/// shard (the console's `BookingFeed`, with the config's own DSNs), appends
/// each change to `feed:owner:{owner}` and `feed:all`, keeps every library's
/// seat map and the shared readings on the state cache, and its own status in
/// `relay:status` (CONTRACT §10). A restart resumes from the stream's tail.
public final class Relay: @unchecked Sendable {
    public struct Settings: Sendable {
        /// Changes kept in memory while the state cache is down; past it they are
        /// dropped and read again from the shards once the cache is back.
        public var pendingLimit = 200_000
        /// Every library's seat map is read and published again this often.
        public var seatRefresh: TimeInterval = 300
        /// `relay:status` heartbeat interval and its expiry.
        public var statusEvery: TimeInterval = 5
        public var statusTTL = 30
        public var ownerStreamLength = RelayLimits.ownerStreamLength
        public var allStreamLength = RelayLimits.allStreamLength
        public var feed = BookingFeed.Options()
        public init() { feed.readsTallies = false }
    }

    private let topology: Topology
    private let stateURL: String
    private let settings: Settings
    private let log: @Sendable (Bool, String) -> Void
    private let counter = OperationCounter()
    private let catalog: CatalogCache
    private let writer: RelayStreamWriter
    private let seats: RelaySeatPublisher
    private let readings: RelayReadingsPublisher
    private let statusLink: RedisLink
    private let lock = NSLock()
    private var feedStatus: [String: String] = [:]
    private var feed: BookingFeed?
    private var generation = 0

    /// Fails when the configuration has no state cache.
    public init(topology: Topology, quotas: [QuotaEntry], settings: Settings = Settings(),
                log: @escaping @Sendable (Bool, String) -> Void) throws(RelayError) {
        guard let state = topology.stateCache else { throw RelayError("no [[cache]] with role = \"state\": the relay writes its streams there") }
        // Connections as configured: the relay is the deployment's own reader, never an owner's [login].
        self.topology = topology; stateURL = state.url; self.settings = settings; self.log = log
        catalog = CatalogCache(topology: topology, login: nil, counter: counter)
        writer = RelayStreamWriter(link: RedisLink(url: state.url, counter: counter), pendingLimit: settings.pendingLimit,
                                   ownerLength: settings.ownerStreamLength, allLength: settings.allStreamLength, log: log)
        seats = RelaySeatPublisher(topology: topology, catalog: catalog, link: RedisLink(url: state.url, counter: counter),
                                   fullRefresh: settings.seatRefresh, counter: counter, log: log)
        readings = RelayReadingsPublisher(topology: topology, quotas: quotas, link: RedisLink(url: state.url, counter: counter),
                                          counter: counter, log: log)
        statusLink = RedisLink(url: state.url, counter: counter)
    }

    private var usersShards: [String] { topology.shards.filter { $0.role == .users }.map(\.name) }

    /// Runs until `stop` is stopped: the publishers at once, the feed as soon as
    /// the stream's tail is read, again from the tail after an overflow.
    public func run(until stop: StopSignal) {
        guard takeOver(until: stop) else { statusLink.close(); return }
        writer.start(); seats.start(); readings.start()
        let resumeLink = RedisLink(url: stateURL, counter: counter)
        var nextStatus = Date.distantPast
        var backoff = 0.2
        while !stop.isStopped {
            if feed == nil || writer.overflowed {
                feed?.stop()
                lock.withLock { feed = nil }
                do throws(RedisError) {
                    let resume = try RelayStreamReader.resume(resumeLink, usersShards: usersShards, margin: settings.feed.margin)
                    startFeed(resume)
                    backoff = 0.2
                } catch {
                    log(true, "reading \(RelayKeys.all)'s tail: \(SecretMasking.masked(error.description)); again in \(backoff)s")
                    setStatusText(usersShards, "waiting for the state cache")
                    if stop.sleep(backoff) { break }
                    backoff = min(backoff * 2, 2)
                    continue
                }
            }
            if Date() >= nextStatus { writeStatus(); nextStatus = Date().addingTimeInterval(settings.statusEvery) }
            if stop.sleep(min(settings.statusEvery, 1)) { break }
        }
        lock.withLock { feed }?.stop()
        seats.stop(); readings.stop()
        // What the feed read last is appended before the status goes.
        _ = waitForWriter(seconds: 5)
        writer.stop()
        _ = try? statusLink.run { c throws(RedisError) in try c.command(["DEL", RelayKeys.status]) }
        statusLink.close(); resumeLink.close()
        log(false, "relay stopped: \(writer.appendedCount) changes appended, \(writer.pendingCount) left unwritten (read again at the next start)")
    }

    /// Changes appended since start, seat maps and readings published (for tests and the log).
    public var counts: (appended: Int, pending: Int, seatMaps: Int, readings: Int) {
        (writer.appendedCount, writer.pendingCount, seats.publishedCount, readings.publishedCount)
    }

    /// Changes were dropped while the state cache was down and wait to be read again.
    public var overflowed: Bool { writer.overflowed }

    /// Each users shard's feed text, as `relay:status` has it.
    public var shardStatus: [String: String] { lock.withLock { feedStatus } }

    /// The listening backend of each users shard (tests end it to see the feed reconnect).
    public var listenerPIDs: [String: Int32] { lock.withLock { feed }?.listenerPIDs ?? [:] }

    private func startFeed(_ resume: RelayResume) {
        var options = settings.feed
        options.resumeAfter = resume.delivered
        options.resumeFrom = resume.startFrom(usersShards: usersShards)
        let g = lock.withLock { generation += 1; return generation }
        writer.begin(generation: g)
        let f = BookingFeed(topology: topology, login: nil, catalog: catalog, options: options, counter: counter) { [weak self] batch in
            guard let self else { return }
            self.writer.enqueue(batch.changes, generation: g)
            self.seats.changed(batch.changes)
            // A stopped feed's last words do not overwrite its successor's status.
            self.lock.withLock { if g == self.generation { self.feedStatus = batch.shardStatus } }
        }
        lock.withLock { feed = f }
        f.start()
        let from = resume.newest.isEmpty ? "each shard's newest rows (empty stream)"
            : resume.newest.map { "\($0.key) after \($0.value)" }.sorted().joined(separator: ", ")
        log(false, "feed started (\(g)): \(resume.entries) stream entries read, \(options.resumeAfter.count) changes known; from \(from)")
    }

    /// This relay's name in `relay:status`'s `owner` field (a token too: two relays may share a pid's process, in tests).
    private let identity = "\(ProcessInfo.processInfo.hostName) pid \(getpid()) \(UUID().uuidString.prefix(8))"

    /// One relay per deployment: `relay:status`'s `owner` field is taken with
    /// HSETNX; while another relay's status lives (it expires `statusTTL`
    /// seconds after that relay's last heartbeat) this one waits.
    private func takeOver(until stop: StopSignal) -> Bool {
        var said = false
        while !stop.isStopped {
            do throws(RedisError) {
                let replies = try statusLink.run { c throws(RedisError) in
                    try c.pipeline([["HSETNX", RelayKeys.status, "owner", identity], ["HGET", RelayKeys.status, "owner"],
                                    ["EXPIRE", RelayKeys.status, String(settings.statusTTL), "NX"]])
                }
                for r in replies { try requireOK(r, "relay status") }
                if replies[0].integer == 1 || replies[1].string == identity { writeStatus(); return true }
                if !said {
                    log(true, "another relay is running (\(replies[1].string ?? "?")); waiting until its status in \(RelayKeys.status) lapses")
                    said = true
                }
            } catch {
                if !said { log(true, "state cache: \(SecretMasking.masked(error.description)); trying again"); said = true }
            }
            if stop.sleep(min(settings.statusEvery, 5)) { break }
        }
        return false
    }

    private func setStatusText(_ shards: [String], _ text: String) {
        lock.withLock { for s in shards { feedStatus[s] = text } }
    }

    /// `relay:status`: heartbeat, pid and each shard's feed; expires unless renewed.
    private func writeStatus() {
        var args = ["HSET", RelayKeys.status, "owner", identity, "heartbeat", String(Int(Date().timeIntervalSince1970)),
                    "pid", String(getpid()), "pending", String(writer.pendingCount)]
        for (shard, text) in shardStatus.sorted(by: { $0.key < $1.key }) { args += ["shard:" + shard, text] }
        do throws(RedisError) {
            let replies = try statusLink.run { c throws(RedisError) in
                try c.pipeline([["MULTI"], args, ["EXPIRE", RelayKeys.status, String(settings.statusTTL)], ["EXEC"]])
            }
            for r in replies { try requireOK(r, "relay status") }
        } catch {
            log(true, "relay status: \(SecretMasking.masked(error.description))")
        }
    }

    private func waitForWriter(seconds: Double) -> Bool {
        let until = Date().addingTimeInterval(seconds)
        while writer.pendingCount > 0 && Date() < until { Thread.sleep(forTimeInterval: 0.05) }
        return writer.pendingCount == 0
    }
}

public struct RelayError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ d: String) { description = d }
}
