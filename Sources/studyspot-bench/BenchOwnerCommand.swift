import ArgumentParser
import Foundation
import StudySpotCommandLine
import StudySpotConfig
import StudySpotConsole
import StudySpotCore
import StudySpotMonitors
import StudySpotWire
import TerminalUI

/// `studyspot-bench owner`: the owner view's figures for
/// Benchmarks/README.md. It writes bookings as the platform would, one
/// transaction each, spread over every users shard, and measures from the
/// moment each INSERT is sent to the end of the first frame whose state holds
/// the change. The console side is the dashboard's own: the real
/// `BookingFeed` posts into `DashboardRunner.events` and the runner's loop
/// (`runLoop`, frame cap and all) draws on a headless 160×48 terminal.
struct BenchOwnerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "owner",
        abstract: "Measure the owner view: commit-to-frame latency of the booking feed and seat-map recompute time.")

    @OptionGroup var options: ConfigOptions

    @Option(help: "Booking changes per second to measure at (comma-separated).")
    var rates = "100,500,2000"

    @Option(help: "Seconds of writing per rate.")
    var seconds = 5.0

    @Option(help: "The UI loop's frame caps to measure, in ms (comma-separated; default: the dashboard's).")
    var frameMs = String(DashboardRunner.defaultFrameMilliseconds)

    @Option(help: .hidden)
    var coalesceMs: String?

    @Option(help: "Instead of the latency runs: draw this many Bookings frames of a synthetic 10,000-change feed, one new change per frame (for callgrind), and print the time per frame.")
    var profileFrames: Int?

    @Option(help: "With --profile-frames: the pane to draw (bookings, or overview with clock ticks only).")
    var profilePane = "bookings"

    func run() throws {
        if let n = profileFrames {
            print(FrameProfile.run(frames: n, pane: profilePane))
            return
        }
        let config = try options.load()
        print(BenchMachine.describe())
        if coalesceMs != nil {
            print("note: --coalesce-ms is ignored: the feed no longer coalesces on a timer (the UI queue merges batches); measuring frame caps \(frameMs) ms")
        }
        let rateList = rates.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let users = config.topology.shards.filter { $0.role == .users }
        print("commit-to-frame latency, \(users.count) users shards (\(users.map(\.name).joined(separator: ", "))), \(seconds) s per rate, 160×48")
        print("  frame cap   rate/s   achieved/s   changes   p50 ms   p99 ms   max ms   frames   draw p50/p99 ms   to post p50/p99 ms")
        for ms in frameMs.split(separator: ",").compactMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
            for rate in rateList {
                let r = try LatencyBench(config: config, rate: rate, seconds: seconds, frameMs: ms).run()
                print(String(format: "  %6d ms   %6d   %10.0f   %7d   %6.1f   %6.1f   %6.1f   %6d   %6.2f/%-6.2f     %6.1f/%-6.1f", ms, rate, r.achieved,
                             r.samples.count, percentile(r.samples, 0.5), percentile(r.samples, 0.99), r.samples.max() ?? 0, r.frames,
                             percentile(r.drawTimes, 0.5), percentile(r.drawTimes, 0.99),
                             percentile(r.postTimes, 0.5), percentile(r.postTimes, 0.99)))
            }
        }
        let seat = SeatRecomputeBench.run()
        print(String(format: "seat-map recompute, %d seats, %d bookings: p50 %.3f ms, p99 %.3f ms over %d runs",
                     seat.seats, seat.bookings, seat.p50, seat.p99, seat.runs))
        let counted = ActivityRecordBench.run()
        print(String(format: "a new booking counted for the charts, %d seen this hour: p50 %.2f µs, p99 %.2f µs over %d bookings",
                     counted.seen, counted.p50, counted.p99, counted.runs))
    }
}

/// The p-th percentile (nearest rank) of unsorted values.
func percentile(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return .nan }
    let sorted = values.sorted()
    return sorted[max(0, min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1))]
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
    }

    let config: ConsoleConfig
    let rate: Int
    let seconds: Double
    let frameMs: Int
    private let lock = NSLock()
    /// Change id → when its INSERT was sent (wall clock, seconds).
    private var sent: [Int64: Double] = [:]
    private var live = false
    private var samples: [Double] = []
    private var frames = 0
    private var drawTimes: [Double] = []
    private var postTimes: [Double] = []
    private var written: [Int] = []
    private var ids: [[Int64]] = []

    init(config: ConsoleConfig, rate: Int, seconds: Double, frameMs: Int) {
        self.config = config; self.rate = rate; self.seconds = seconds; self.frameMs = frameMs
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

        // The dashboard's own loop, on a headless terminal; owners start on Bookings.
        let console = HeadlessConsole(role: .owner, frameMs: frameMs)
        let events = console.events
        let feed = BookingFeed(topology: topo, login: nil) { [self] b in
            if !b.changes.isEmpty {
                let posted = Date().timeIntervalSince1970
                lock.lock()
                for c in b.changes { if let s0 = sent[c.id] { postTimes.append((posted - s0) * 1000) } }
                lock.unlock()
            }
            events.push(.data(.bookings(.batch(b))))
        }
        feed.start()
        defer { feed.stop() }
        console.start(frame: { [self] state, ms in
            let b = state.bookings
            lock.lock(); defer { lock.unlock() }
            frames += 1
            drawTimes.append(ms)
            if !live && b.loaded && b.shardStatus.count == shards.count && b.shardStatus.values.allSatisfy({ $0 == "live" }) { live = true }
        }, shown: { [self] rows, t in
            lock.lock(); defer { lock.unlock() }
            for r in rows { if let s0 = sent.removeValue(forKey: r.id) { samples.append((t - s0) * 1000) } }
        })
        let readyBy = Date().addingTimeInterval(30)
        while Date() < readyBy {
            lock.lock(); let ready = live; lock.unlock()
            if ready { break }
            Thread.sleep(forTimeInterval: 0.01)
        }
        lock.lock(); let ready = live; lock.unlock()
        guard ready else { throw ValidationError("the feed did not come up on every shard") }
        lock.lock(); samples.removeAll(); frames = 0; drawTimes.removeAll(); postTimes.removeAll(); lock.unlock()

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
        console.stop()
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

/// Frames of a synthetic console, no database: the frame path alone, for
/// callgrind (`valgrind --tool=callgrind studyspot-bench owner --profile-frames 200`).
enum FrameProfile {
    static func run(frames: Int, pane: String) -> String {
        let size = Size(width: 160, height: 48)
        let role: ConsoleRole = pane == "bookings" ? .owner : .operator
        var state = DashboardRunner(options: DashboardOptions(role: role)).initialState(size: size)
        let now = Date()
        state = update(state, .tick(now)).0
        let shards = ["neon", "supabase", "planetscale"]
        func record(_ i: Int) -> BookingRecord {
            let at = now.addingTimeInterval(Double(i - 10_000) * 0.05)
            return BookingRecord(id: Int64(1_000_000 + i), shard: shards[i % 3], userId: Int64(i % 5000), userName: "Reader \(i % 977)",
                                 libraryId: Int64(i % 500), ownerId: 1, seatId: Int64(i % 400), startsAt: at, endsAt: at.addingTimeInterval(7200),
                                 status: BookingStatus.allCases[i % 5], amountPaise: Int64(4000 + i % 7 * 250), createdAt: at, updatedAt: at,
                                 libraryName: "Gyan Kendra \(i % 500)", libraryCity: "Pune", seatLabel: "A\(i % 400)")
        }
        let live = Dictionary(uniqueKeysWithValues: shards.map { ($0, "live") })
        state = update(state, .data(.bookings(.batch(BookingFeedBatch(changes: (0..<10_000).map(record), today: ["reserved": 4000],
                                                                          shardStatus: live))))).0
        if pane != "bookings" { state = update(state, .key(Key(.char("1")))).0 }
        let terminal = HeadlessTerminal(width: size.width, height: size.height)
        var buffer = Buffer(size: size)
        view(state, into: &buffer)
        terminal.present(buffer)
        let bytes0 = terminal.bytesWritten
        let t0 = DispatchTime.now().uptimeNanoseconds
        for i in 0..<frames {
            if pane == "bookings" {
                state = update(state, .data(.bookings(.batch(BookingFeedBatch(changes: [record(10_000 + i)], shardStatus: live))))).0
            } else {
                state = update(state, .tick(now.addingTimeInterval(Double(i + 1)))).0
            }
            view(state, into: &buffer)
            terminal.present(buffer)
        }
        let ns = DispatchTime.now().uptimeNanoseconds - t0
        return String(format: "%d %@ frames at 160×48: %.1f µs per frame (update + view + diff + encode), %.0f bytes per frame",
                      frames, pane, Double(ns) / 1000 / Double(max(1, frames)),
                      Double(terminal.bytesWritten - bytes0) / Double(max(1, frames)))
    }
}
