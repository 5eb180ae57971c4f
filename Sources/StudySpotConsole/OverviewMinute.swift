import Foundation
import StudySpotCore

/// Latency readings of the instances, shards and caches folded per minute,
/// for the Overview: its latency figures and sparklines change when a minute
/// closes, not with every probe, so an idle dashboard's terminal stays quiet
/// (Benchmarks/README.md, "Idle bytes"). The Instances, Shards and Caches panes stay live.
public struct MinuteLatencies: Sendable, Equatable {
    public enum Source: Hashable, Sendable {
        case instance(String), shard(String), cache(String)
    }

    /// One closed minute of a source: the median and p95 of its readings.
    public struct Figure: Sendable, Equatable {
        public var p50: Double
        public var p95: Double
    }

    /// Closed minutes kept per source: the widest sparkline.
    public static let minutesKept = 60
    /// Readings of the minute in progress kept per source (a minute of 1 s probes, twice).
    static let readingsKept = 120

    /// The minute in progress, in minutes since 1970 (nil before the first reading or tick).
    public private(set) var minute: Int64?
    private var open: [Source: LatencyWindow] = [:]
    /// The time of each source's last reading: a reading re-posted without a new probe counts once.
    private var lastAt: [Source: Date] = [:]
    private var closed: [Source: [Figure]] = [:]
    /// Until a source's first minute closes, its first reading is what the Overview shows.
    private var first: [Source: Double] = [:]

    public init() {}

    /// Folds one reading taken at `at`; a reading of a later minute closes the one in progress first.
    public mutating func record(_ source: Source, _ seconds: Double?, at: Date?) {
        guard let seconds, seconds.isFinite, seconds >= 0, let at, lastAt[source] != at else { return }
        lastAt[source] = at
        roll(to: at)
        open[source, default: LatencyWindow(capacity: Self.readingsKept)].add(seconds)
        if first[source] == nil { first[source] = seconds }
    }

    /// Closes the minute in progress when `now` is in a later one.
    public mutating func roll(to now: Date) {
        let m = Self.minute(of: now)
        guard let current = minute else { minute = m; return }
        guard m > current else { return }
        for (source, window) in open {
            guard let p50 = window.p50, let p95 = window.p95 else { continue }
            var figures = closed[source, default: []]
            figures.append(Figure(p50: p50, p95: p95))
            if figures.count > Self.minutesKept { figures.removeFirst(figures.count - Self.minutesKept) }
            closed[source] = figures
        }
        open = [:]
        minute = m
    }

    /// What the Overview shows for `source`: its last closed minute, else its first reading.
    public func shown(_ source: Source) -> Figure? {
        if let f = closed[source]?.last { return f }
        return first[source].map { Figure(p50: $0, p95: $0) }
    }

    /// Whether `shown` and `perMinute` answer the same for every source (the
    /// minute in progress and its readings aside: the Overview does not show them).
    public func showsTheSame(as other: MinuteLatencies) -> Bool { closed == other.closed && first == other.first }

    /// Each closed minute's median, oldest first: the Overview's sparkline.
    public func perMinute(_ source: Source) -> [Double] { closed[source]?.map(\.p50) ?? [] }

    static func minute(of d: Date) -> Int64 { Int64((d.timeIntervalSince1970 / 60).rounded(.down)) }
}

/// The shards and caches as the Overview shows them: sampled when a minute
/// closes, so counters that move with every reading (commands today, memory
/// used, connections) change there once a minute; sampled again at once
/// when a source's reachability or error changes, or sources come or go.
public struct OverviewSample: Sendable, Equatable {
    public var shards: [ShardHealth] = []
    public var caches: [CacheHealth] = []
    public init() {}
}

/// The live list, when the sample no longer tells the same story about it.
func resampled<H: HealthReading>(_ sample: [H], _ live: [H], minuteClosed: Bool) -> [H] {
    let same = sample.count == live.count && zip(sample, live).allSatisfy {
        $0.name == $1.name && $0.reachable == $1.reachable && $0.error == $1.error
    }
    return minuteClosed || !same ? live : sample
}

/// Folds a monitor's readings into the Overview's minute figures.
func foldOverviewMinute(_ s: inout State, _ m: MonitorEvent) {
    switch m {
    case .instances(.reading(let list, _)):
        // A reading without a new probe (a state-cache read, a heartbeat) repeats lastProbeAt: counted once.
        for i in list { s.overview.latencies.record(.instance(i.name), i.lastLatency, at: i.lastProbeAt) }
    case .shards(let e):
        if case .reading(let h) = e { s.overview.latencies.record(.shard(h.name), h.latency, at: h.checkedAt ?? s.now) }
        s.overview.sample.shards = resampled(s.overview.sample.shards, s.shards.shards, minuteClosed: false)
    case .caches(let e):
        if case .reading(let h) = e { s.overview.latencies.record(.cache(h.name), h.latency, at: h.checkedAt ?? s.now) }
        s.overview.sample.caches = resampled(s.overview.sample.caches, s.caches.caches, minuteClosed: false)
    default: break
    }
}

/// The shards and caches the Overview draws: the sample, or the live lists
/// where the sample tells another story (a state built without the fold).
func overviewShards(_ s: State) -> [ShardHealth] { resampled(s.overview.sample.shards, s.shards.shards, minuteClosed: false) }
func overviewCaches(_ s: State) -> [CacheHealth] { resampled(s.overview.sample.caches, s.caches.caches, minuteClosed: false) }

/// The clock moved: a minute that closed refreshes every minute figure.
func rollOverviewMinute(_ s: inout State, now: Date) {
    let before = s.overview.latencies.minute
    s.overview.latencies.roll(to: now)
    let closed = before != s.overview.latencies.minute
    s.overview.sample.shards = resampled(s.overview.sample.shards, s.shards.shards, minuteClosed: closed)
    s.overview.sample.caches = resampled(s.overview.sample.caches, s.caches.caches, minuteClosed: closed)
}
