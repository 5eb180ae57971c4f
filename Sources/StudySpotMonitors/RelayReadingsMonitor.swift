import Foundation
import Logging
import StudySpotCore
import StudySpotWire

/// An operator's console with `[feed] source = "relay"` reads the health
/// readings the relay publishes once for every console (`relay:readings`)
/// instead of polling each shard, cache and instance itself: one GET (with
/// the relay's heartbeat and the acknowledged alerts) every refresh interval.
/// Readings older than three intervals, or a relay whose heartbeat lapsed,
/// are never shown as fresh: the output says since when the relay is silent.
public final class RelayReadingsMonitor: @unchecked Sendable {
    public enum Output: Sendable, Equatable {
        /// Readings newer than the last ones posted.
        case readings(RelayReadings)
        /// Nothing fresh from the relay: what to say instead of figures.
        case silent(String)
        /// The acknowledged alert ids (`AlertAcks`), read with the readings.
        case acknowledged(Set<String>)
    }

    private let stateCache: CacheConfig
    private let base: Double
    private let pace: MonitorPace
    private let counter: OperationCounter
    private let post: @Sendable (Output) -> Void
    private let stopSignal = StopSignal()
    private let log = Logger(label: "studyspot.relay-readings")
    /// The monitor's thread alone touches these.
    private var redis: RedisConnection?
    private var lastPublished: Double?
    private var lastSilence: String?

    /// `base` is the poll interval at the console's design refresh (2 s); the
    /// console's refresh key scales it through `pace`.
    public init(stateCache: CacheConfig, base: Double = 2, pace: MonitorPace = MonitorPace(),
                counter: OperationCounter = OperationCounter(), post: @escaping @Sendable (Output) -> Void) {
        self.stateCache = stateCache; self.base = base; self.pace = pace; self.counter = counter; self.post = post
    }

    public func start() { NamedThread.start("relay-readings") { [self] in loop() } }
    public func stop() { stopSignal.stop() }
    /// Reads again now (after an operator action).
    public func refreshNow() { stopSignal.poke() }

    private func loop() {
        while !stopSignal.isStopped {
            if pace.paused {
                if stopSignal.sleep(0.5) { break }
                continue
            }
            let interval = pace.interval(target: stateCache.name, base: base)
            let outputs = pollOnce(now: Date(), interval: interval)
            if stopSignal.isStopped { break }
            outputs.forEach(post)
            if stopSignal.sleepAligned(interval) { break }
        }
        redis?.close(); redis = nil
    }

    /// One read; what to post. Public for the tests.
    public func pollOnce(now: Date, interval: Double) -> [Output] {
        do throws(RedisError) {
            if redis == nil {
                redis = try RedisConnection(url: stateCache.url, timeoutSeconds: 2, costTarget: CostTarget(stateCache.name, in: counter))
            }
            let replies = try redis!.pipeline([["GET", RelayKeys.readings], ["HGET", RelayKeys.status, "heartbeat"],
                                               ["HGETALL", StateCacheKeys.alertAcks]])
            var out: [Output] = [.acknowledged(AlertAcks.current(LoadBalancerReading.pairs(replies[2]), now: now))]
            let readings = replies[0].string.flatMap { try? JSONDecoder().decode(RelayReadings.self, from: Data($0.utf8)) }
            let heartbeat = replies[1].string.flatMap(Double.init)
            let verdict = RelayFreshness.judge(readings: readings, readingsPresent: !replies[0].isNull, heartbeat: heartbeat,
                                               now: now, interval: interval)
            switch verdict {
            case .fresh:
                lastSilence = nil
                if let readings, readings.publishedAt != lastPublished {
                    lastPublished = readings.publishedAt
                    out.append(.readings(readings))
                }
            case .silent(let text):
                // Said once until it changes; fresh readings after it are posted again.
                lastPublished = nil
                if text != lastSilence { lastSilence = text; out.append(.silent(text)) }
            }
            return out
        } catch {
            redis?.close(); redis = nil
            log.notice("\(stateCache.name): \(error.description)")
            let text = "relay readings unavailable: state cache \(stateCache.name): \(SecretMasking.masked(error.description))"
            lastPublished = nil
            if text == lastSilence { return [] }
            lastSilence = text
            return [.silent(text)]
        }
    }
}

/// Whether the relay's readings may be shown as current.
public enum RelayFreshness: Equatable, Sendable {
    case fresh
    case silent(String)

    /// Readings older than three intervals, or a heartbeat that old, are
    /// silence (no heartbeat at all: the readings' age alone decides): "relay silent since 14:05" (the platform's clock, as the
    /// rest of the console), naming the older sign of life.
    public static func judge(readings: RelayReadings?, readingsPresent: Bool, heartbeat: Double?, now: Date, interval: Double,
                             timeZone: TimeZone = BookingTodayTally.platformTimeZone) -> RelayFreshness {
        guard readingsPresent else { return .silent("relay silent: no readings in the state cache (is studyspot relay running?)") }
        guard let readings else { return .silent("relay readings in the state cache are not valid JSON; is the relay of another version?") }
        let limit = 3 * interval
        let published = Date(timeIntervalSince1970: readings.publishedAt)
        let beat = heartbeat.map { Date(timeIntervalSince1970: $0) }
        var since: Date?
        if now.timeIntervalSince(published) > limit { since = published }
        if let beat, now.timeIntervalSince(beat) > limit { since = min(since ?? beat, beat) }
        guard let since else { return .fresh }
        return .silent("relay silent since \(clock(since, timeZone))")
    }

    /// HH:MM in `tz`.
    public static func clock(_ d: Date, _ tz: TimeZone) -> String {
        let c = CivilTime.fields(d, tz)
        return CivilTime.two(c.hour) + ":" + CivilTime.two(c.minute)
    }
}
