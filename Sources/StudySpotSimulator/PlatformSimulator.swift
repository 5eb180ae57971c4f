import Foundation
import StudySpotCore
import StudySpotWire

/// Everything `studyspot simulate` does, as an object tests can run for a
/// bounded time and then compare with what the servers hold.
public final class PlatformSimulator: @unchecked Sendable {
    public struct Options: Sendable {
        /// Booking changes per second.
        public var rate = 20.0
        /// API requests per second routed by the simulated load balancer.
        public var requestsPerSecond = 50.0
        public var tick = 0.1
        public var heartbeatEvery = 10.0
        public var sampleEvery = 60.0
        public var archiveEvery = 60.0
        /// Initial instance modes (`render-1=sleeping`); others start healthy.
        public var modes: [String: InstanceMode] = [:]
        public var serveInstances = true
        public var seed: UInt64 = 42
        public var coldStartSeconds = 3.0
        public var idleSeconds = 20.0
        /// Certificate and key for the instances whose url is https:// (else
        /// `instance.pem` and `instance.key` beside their `ca_file`).
        public var tlsCertFile: String?
        public var tlsKeyFile: String?
        public init() {}
    }

    public let topology: Topology
    public let quotas: [QuotaEntry]
    public let options: Options
    public private(set) var fakes: [String: FakeInstance] = [:]
    private let lock = NSLock()
    private var _counts = SimulationCounts()
    private var _stop = false
    private var _lastError: String?
    /// Where an error is reported once (stderr for the CLI).
    public var onError: @Sendable (String) -> Void = { _ in }

    public init(topology: Topology, quotas: [QuotaEntry], options: Options) {
        self.topology = topology
        self.quotas = quotas
        self.options = options
    }

    public var counts: SimulationCounts { lock.withLock { _counts } }
    public func stop() { lock.withLock { _stop = true } }
    private var stopping: Bool { lock.withLock { _stop } }

    /// Starts the fake instances (each on its configured port).
    public func startInstances() throws {
        guard options.serveInstances else { return }
        for inst in topology.instances {
            guard let port = Self.port(of: inst.url) else { throw SimulatorError("instance \(inst.name): cannot serve \(inst.url): not http(s)://127.0.0.1:PORT") }
            let f = FakeInstance(name: inst.name, port: port, mode: options.modes[inst.name] ?? .healthy)
            f.tls = try Self.serverTLS(for: inst, certFile: options.tlsCertFile, keyFile: options.tlsKeyFile)
            f.coldStartSeconds = options.coldStartSeconds
            f.idleSeconds = options.idleSeconds
            try f.start()
            fakes[inst.name] = f
        }
    }

    public func stopInstances() { fakes.values.forEach { $0.stop() } }

    /// Runs until `stop()` or `duration` seconds have passed.
    public func run(duration: Double? = nil) throws {
        guard let stateCache = topology.stateCache else { throw SimulatorError("no cache with role \"state\" in the configuration") }
        guard let opsShard = topology.opsShard else { throw SimulatorError("no users shard whose range starts at 1 (the ops schema lives there)") }
        var redis = try RedisConnection(url: stateCache.url)
        for (name, mode) in options.modes { try InstanceControl.set(name, mode, redis: redis) }
        for inst in topology.instances where options.modes[inst.name] == nil {
            try redis.command(["DEL", InstanceControl.key(inst.name)])
        }
        var ops = try PGConnection(dsn: opsShard.dsn, options: BookingTraffic.options)
        var bookings = try BookingTraffic(topology: topology, seed: options.seed)
        let email = EmailTraffic()
        let balancer = BalancerTraffic(instances: topology.instances, fakes: fakes, seed: options.seed &+ 1)
        let meter = UsageMeter(entries: quotas)
        let archive = topology.archiveShard.map { ArchiveJob(usersShards: ShardRouter(shards: topology.shards).shards, archive: $0) }

        let start = Date()
        add(SimulationCounts(usageSamples: try meter.backfillIfEmpty(ops: ops, now: start.timeIntervalSince1970)))
        var budgetCarry = 0.0
        var lastTick = start
        var nextSecond = start, nextHeartbeat = start, nextSample = start, nextArchive = start
        var sentDay: [String: Int] = [:], sentMonth: [String: Int] = [:]

        while !stopping {
            let now = Date()
            if let duration, now.timeIntervalSince(start) >= duration { break }
            do {
                budgetCarry += options.rate * now.timeIntervalSince(lastTick)
                lastTick = now
                let budget = Int(budgetCarry)
                budgetCarry -= Double(budget)
                let t = try bookings.tick(budget: budget, now: now.timeIntervalSince1970)
                var c = t.counts
                let mail = try email.send(bookings: t.createdIds.map(\.id), redis: redis, now: now)
                for (p, n) in mail.emailsSent { sentDay[p, default: 0] += n; sentMonth[p, default: 0] += n }
                c.add(mail)
                if now >= nextSecond {
                    try balancer.applyModes(redis: redis)
                    c.add(try balancer.route(perSecond: options.requestsPerSecond, seconds: 1, redis: redis, now: now))
                    nextSecond = now.addingTimeInterval(1)
                }
                if now >= nextHeartbeat {
                    c.add(try balancer.heartbeats(redis: redis, now: now))
                    nextHeartbeat = now.addingTimeInterval(options.heartbeatEvery)
                }
                if now >= nextSample {
                    let used = Dictionary(uniqueKeysWithValues: email.router.senders.map { ($0.provider, (day: sentDay[$0.provider] ?? 0, month: sentMonth[$0.provider] ?? 0)) })
                    c.usageSamples += try meter.sample(ops: ops, now: now.timeIntervalSince1970, emailUsed: used)
                    nextSample = now.addingTimeInterval(options.sampleEvery)
                }
                if let archive, now >= nextArchive {
                    c.archived += try archive.run()
                    nextArchive = now.addingTimeInterval(options.archiveEvery)
                }
                add(c)
                lock.withLock { _lastError = nil }
            } catch {
                // A killed shard or cache must not end the platform: report once, retry.
                let text = "\(error)"
                let fresh = lock.withLock { () -> Bool in defer { _lastError = text }; return _lastError != text }
                if fresh { onError(text) }
                if !redis.isAlive, let r = try? RedisConnection(url: stateCache.url) { redis = r }
                if !ops.isAlive, let o = try? PGConnection(dsn: opsShard.dsn, options: BookingTraffic.options) { ops = o }
                if let rebuilt = try? BookingTraffic(topology: topology, seed: options.seed &+ UInt64(now.timeIntervalSince1970)) { bookings = rebuilt }
                Thread.sleep(forTimeInterval: 1) // back off before reconnecting
            }
            let wait = options.tick - Date().timeIntervalSince(now)
            if wait > 0 { Thread.sleep(forTimeInterval: wait) } // the simulation's own clock
        }
    }

    private func add(_ c: SimulationCounts) { lock.withLock { _counts.add(c) } }

    /// The TLS context a fake instance serves an https:// url with; nil for http://.
    public static func serverTLS(for inst: InstanceConfig, certFile: String?, keyFile: String?) throws -> TLSServerContext? {
        guard inst.url.hasPrefix("https://") else { return nil }
        let folder = inst.caFile.map { ($0 as NSString).deletingLastPathComponent }
        guard let cert = certFile ?? folder.map({ $0 + "/instance.pem" }), let key = keyFile ?? folder.map({ $0 + "/instance.key" }),
              FileManager.default.isReadableFile(atPath: cert), FileManager.default.isReadableFile(atPath: key) else {
            throw SimulatorError("instance \(inst.name) is https://: give --tls-cert and --tls-key (or `stack up --https-instances` makes them)")
        }
        do throws(TLSServerError) {
            return try TLSServerContext(certFile: cert, keyFile: key)
        } catch {
            throw SimulatorError("instance \(inst.name): \(error.description)")
        }
    }

    static func port(of url: String) -> Int? {
        guard ["http://127.0.0.1:", "http://localhost:", "https://127.0.0.1:", "https://localhost:"].contains(where: url.hasPrefix) else { return nil }
        let rest = url.split(separator: ":").last.map { $0.prefix { $0.isNumber } } ?? ""
        return Int(rest)
    }
}
