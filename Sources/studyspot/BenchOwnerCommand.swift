import ArgumentParser
import Foundation
import StudySpotConfig
import StudySpotConsole
import StudySpotCore
import StudySpotData
import TerminalUI

/// `studyspot bench-owner` (hidden): the owner view's figures for
/// Benchmarks/README.md. It writes bookings as the platform would, one
/// transaction each, spread over every users shard, and measures from the
/// moment each INSERT is sent to the first frame drawn (in-process, headless
/// terminal, the dashboard's frame cap) whose state holds the change.
struct BenchOwnerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-owner",
        abstract: "Measure the owner view: commit-to-frame latency of the booking feed and seat-map recompute time.",
        shouldDisplay: false)

    @OptionGroup var options: ConfigOptions

    @Option(help: "Booking changes per second to measure at (comma-separated).")
    var rates = "100,500,2000"

    @Option(help: "Seconds of writing per rate.")
    var seconds = 5.0

    @Option(help: "The feed's coalescing intervals to measure, in ms (comma-separated).")
    var coalesceMs = "30,10"

    func run() throws {
        let config = try options.load()
        print(BenchMachine.describe())
        let rateList = rates.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let users = config.topology.shards.filter { $0.role == .users }
        print("commit-to-frame latency, \(users.count) users shards (\(users.map(\.name).joined(separator: ", "))), \(seconds) s per rate")
        print("  coalesce   rate/s   achieved/s   changes   p50 ms   p99 ms   max ms   frames   draw p50/p99 ms   to post p50/p99 ms")
        for ms in coalesceMs.split(separator: ",").compactMap({ Double($0.trimmingCharacters(in: .whitespaces)) }) {
            for rate in rateList {
                let r = try LatencyBench(config: config, rate: rate, seconds: seconds, coalesce: ms / 1000).run()
                let draw = r.drawTimes.sorted()
                let post = r.postTimes.sorted()
                func pct(_ a: [Double], _ p: Double) -> Double { a.isEmpty ? 0 : a[min(a.count - 1, Int(Double(a.count) * p))] }
                print(String(format: "  %5.0f ms   %6d   %10.0f   %7d   %6.1f   %6.1f   %6.1f   %6d   %6.2f/%-6.2f     %6.1f/%-6.1f", ms, rate, r.achieved, r.samples.count,
                             r.percentile(0.5), r.percentile(0.99), r.samples.max() ?? 0, r.frames,
                             pct(draw, 0.5), pct(draw, 0.99), pct(post, 0.5), pct(post, 0.99)))
            }
        }
        let seat = SeatRecomputeBench.run()
        print(String(format: "seat-map recompute, %d seats, %d bookings: p50 %.3f ms, p99 %.3f ms over %d runs",
                     seat.seats, seat.bookings, seat.p50, seat.p99, seat.runs))
    }
}

enum BenchMachine {
    static func describe() -> String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { String($0.split(separator: ":", maxSplits: 1).last ?? "").trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
        var build = "release"
        #if DEBUG
        build = "debug"
        #endif
        let date = ISO8601DateFormatter().string(from: Date())
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
        return "machine: \(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.operatingSystemVersionString)\ndate: \(date), \(build) build, load average at start \(load) (the machine is shared)"
    }
}

/// One latency run at one rate.
final class LatencyBench: @unchecked Sendable {
    struct Result {
        var samples: [Double]
        var achieved: Double
        var frames: Int
        var drawTimes: [Double]
        var postTimes: [Double]
        func percentile(_ p: Double) -> Double {
            guard !samples.isEmpty else { return .nan }
            let sorted = samples.sorted()
            return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
        }
    }

    let config: ConsoleConfig
    let rate: Int
    let seconds: Double
    private let lock = NSCondition()
    private var inbox: [BookingFeedBatch] = []
    private var sent: [Int64: Double] = [:]
    private var done = false
    // Shared with the UI and writer threads, guarded by `lock`.
    private var live = false
    private var samples: [Double] = []
    private var frames = 0
    private var drawTimes: [Double] = []
    private var postTimes: [Double] = []
    private var written: [Int] = []
    private var ids: [[Int64]] = []

    let coalesce: Double

    init(config: ConsoleConfig, rate: Int, seconds: Double, coalesce: Double) {
        self.config = config; self.rate = rate; self.seconds = seconds; self.coalesce = coalesce
    }

    func run() throws -> Result {
        let topo = config.topology
        let shards = topo.shards.filter { $0.role == .users }
        guard let catShard = topo.shards.first(where: { $0.role == .catalog }) else { throw ValidationError("no catalog shard") }
        let cat = try PGConnection(dsn: catShard.dsn)
        guard let seat = try cat.query("SELECT s.id, s.library_id, l.owner_id FROM seats s JOIN libraries l ON l.id = s.library_id ORDER BY s.id LIMIT 1").first else {
            throw ValidationError("the catalog has no seats: run `studyspot seed` first")
        }
        let seatId = try seat.int("id"), libraryId = try seat.int("library_id"), ownerId = try seat.int("owner_id")
        var writers: [(ShardConfig, PGConnection, Int64)] = []
        for s in shards {
            let c = try PGConnection(dsn: s.dsn)
            guard let u = try c.query("SELECT id FROM users ORDER BY id LIMIT 1").first else { throw ValidationError("no users on \(s.name)") }
            writers.append((s, c, try u.int("id")))
        }

        var feedOptions = BookingFeed.Options()
        feedOptions.coalesce = coalesce
        let feed = BookingFeed(topology: topo, login: nil, options: feedOptions) { [self] b in
            lock.lock(); inbox.append(b); lock.signal(); lock.unlock()
        }
        feed.start()
        defer { feed.stop() }

        // The UI loop, as DashboardRunner runs it: fold events, draw at most once per frame interval.
        let ui = Thread { [self] in
            let terminal = HeadlessTerminal(width: 160, height: 48)
            var state = State(role: .operator, readOnly: false, size: Size(width: 160, height: 48))
            state.pane = .bookings
            var rendered: State? = nil
            var lastFrame = Date.distantPast
            var unshown: [Int64] = []
            while true {
                lock.lock()
                let frameDue = lastFrame.addingTimeInterval(Double(DashboardRunner.frameMilliseconds) / 1_000)
                while inbox.isEmpty && !done && (state == rendered || Date() < frameDue) {
                    _ = lock.wait(until: state == rendered ? Date().addingTimeInterval(0.25) : frameDue)
                }
                if done { lock.unlock(); return }
                let batches = inbox; inbox.removeAll()
                if !live, let last = batches.last, last.initialLoadDone, last.shardStatus.values.allSatisfy({ $0 == "live" }) { live = true; lock.broadcast() }
                lock.unlock()
                lock.lock()
                for b in batches {
                    let posted = b.postedAt.timeIntervalSince1970
                    for c in b.changes { if let s0 = sent[c.id] { postTimes.append((posted - s0) * 1000) } }
                }
                lock.unlock()
                for b in batches {
                    state = update(state, .data(.bookings(.batch(b)))).0
                    unshown += b.changes.map(\.id)
                }
                if state != rendered && Date() >= lastFrame.addingTimeInterval(Double(DashboardRunner.frameMilliseconds) / 1_000) {
                    let t0 = Date()
                    var buffer = Buffer(size: terminal.size)
                    view(state, into: &buffer)
                    terminal.present(buffer)
                    let drawn = Date().timeIntervalSince(t0) * 1000
                    rendered = state
                    lastFrame = Date()
                    let t = Date().timeIntervalSince1970
                    lock.lock()
                    frames += 1
                    drawTimes.append(drawn)
                    for id in unshown { if let s = sent.removeValue(forKey: id) { samples.append((t - s) * 1000) } }
                    lock.unlock()
                    unshown.removeAll(keepingCapacity: true)
                }
            }
        }
        ui.start()
        lock.lock()
        let readyBy = Date().addingTimeInterval(30)
        while !live && Date() < readyBy { _ = lock.wait(until: readyBy) }
        lock.unlock()
        guard live else { throw ValidationError("the feed did not come up on every shard") }

        // Writers: one thread per shard, each at rate/shards, one INSERT per transaction.
        let base = Int64(Date().timeIntervalSince1970 * 1000) * 1000 + 8_000_000_000_000_000
        let perShard = Double(rate) / Double(writers.count)
        let start = Date().addingTimeInterval(0.2)
        let group = DispatchGroup()
        written = [Int](repeating: 0, count: writers.count)
        ids = [[Int64]](repeating: [], count: writers.count)
        for (wi, w) in writers.enumerated() {
            group.enter()
            let t = Thread { [self] in
                defer { group.leave() }
                var i = 0
                while true {
                    let due = start.addingTimeInterval(Double(i) / perShard)
                    if due.timeIntervalSince(start) >= seconds { break }
                    let wait = due.timeIntervalSinceNow
                    if wait > 0 { Thread.sleep(forTimeInterval: wait) }
                    let id = base + Int64(wi) * 100_000_000 + Int64(i)
                    lock.lock(); sent[id] = Date().timeIntervalSince1970; lock.unlock()
                    do {
                        try w.1.query("""
                            INSERT INTO bookings (id, user_id, library_id, owner_id, seat_id, starts_at, ends_at, status, amount_paise)
                            VALUES ($1, $2, $3, $4, $5, now(), now() + interval '1 hour', 'reserved', 4000)
                            """, [id, w.2, libraryId, ownerId, seatId])
                        lock.lock(); ids[wi].append(id); lock.unlock()
                    } catch {
                        lock.lock(); sent[id] = nil; lock.unlock()
                    }
                    i += 1
                }
                lock.lock(); written[wi] = i; lock.unlock()
            }
            t.start()
        }
        group.wait()
        let elapsed = Date().timeIntervalSince(start)
        // Let the last changes reach a frame.
        let drainBy = Date().addingTimeInterval(5)
        while Date() < drainBy {
            lock.lock(); let left = sent.count; lock.unlock()
            if left == 0 { break }
            Thread.sleep(forTimeInterval: 0.01)
        }
        lock.lock(); done = true; lock.broadcast(); lock.unlock()
        while !ui.isFinished { Thread.sleep(forTimeInterval: 0.005) }
        for (wi, w) in writers.enumerated() where !ids[wi].isEmpty {
            _ = try? w.1.query("DELETE FROM bookings WHERE id = ANY($1::bigint[])", [PGArray(ids[wi])])
        }
        lock.lock(); let lost = sent.count; lock.unlock()
        if lost > 0 { printError("warning: \(lost) changes at \(rate)/s never reached a frame") }
        return Result(samples: samples, achieved: Double(written.reduce(0, +)) / elapsed, frames: frames, drawTimes: drawTimes, postTimes: postTimes)
    }
}

/// Times the seat map's per-frame recompute for a 400-seat library.
enum SeatRecomputeBench {
    static func run(seats count: Int = 400, runs: Int = 2_000) -> (seats: Int, bookings: Int, p50: Double, p99: Double, runs: Int) {
        let now = Date()
        let lib = SeatLibrary(id: 1, name: "Bench", city: "Pune")
        var seats: [SeatInfo] = []
        var bookings: [BookingRecord] = []
        for i in 0..<count {
            let id = Int64(i + 1)
            seats.append(SeatInfo(id: id, libraryId: 1, label: "S\(i)", zone: "Zone \(i / 80)", row: (i % 80) / 20 + 1,
                                  column: i % 20 + 1, state: i % 37 == 0 ? "maintenance" : "open"))
            // About three bookings per seat around now: past, current and next.
            for k in -1...1 where (i + k) % 4 != 0 {
                let st: BookingStatus = k < 0 ? .completed : (k == 0 ? (i % 2 == 0 ? .checkedIn : .reserved) : .reserved)
                bookings.append(BookingRecord(id: id * 10 + Int64(k + 1), shard: "neon", userId: id, libraryId: 1, ownerId: 1, seatId: id,
                                              startsAt: now.addingTimeInterval(Double(k) * 7200 - 1800),
                                              endsAt: now.addingTimeInterval(Double(k) * 7200 + 3600), status: st,
                                              createdAt: now, updatedAt: now))
            }
        }
        let map = SeatMapSnapshot(library: lib, seats: seats, bookings: bookings, loadedAt: now)
        var times: [Double] = []
        var sink = 0
        for _ in 0..<runs {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let v = SeatMapView.compute(map, now: now)
            sink &+= v.total.taken
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        precondition(sink >= 0)
        times.sort()
        return (count, bookings.count, times[times.count / 2], times[Int(Double(times.count) * 0.99)], runs)
    }
}
