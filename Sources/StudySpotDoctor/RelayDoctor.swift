import Foundation
import StudySpotCore
import StudySpotRelay
import StudySpotWire

/// When a deployment should fan its live feed out through the relay, and,
/// once it does, whether the relay runs and owners can log in to it.
public struct RelayDoctor: Sendable {
    /// The share of a shard's usable connections the consoles may hold before
    /// doctor advises the relay. The rest belongs to the platform: five API
    /// instances with a pool each, migrations, the collector, an admin's psql.
    /// On Neon's smallest compute (97 for applications) a quarter is 24, three
    /// or four direct consoles: past that, the one relay connection per shard
    /// costs less than each console's own.
    public static let consoleShare = 0.25
    /// Past this share the platform's own connections may be refused.
    public static let criticalShare = 0.5
    /// A heartbeat older than this: the relay is not running (it beats every few seconds).
    public var heartbeatStaleSeconds: Double
    public var options: PGConnectOptions
    /// The `application_name` counted as a console's (tests count their own).
    public var consoleApplicationName: String

    public init(options: PGConnectOptions = PGConnectOptions(), heartbeatStaleSeconds: Double = 60,
                consoleApplicationName: String = PGConnectOptions.consoleApplicationName) {
        self.options = options
        self.heartbeatStaleSeconds = heartbeatStaleSeconds
        self.consoleApplicationName = consoleApplicationName
    }

    static let connectionsSQL = """
        SELECT (SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()) AS consoles,
               current_setting('max_connections')::int AS maxc,
               current_setting('superuser_reserved_connections')::int
                 + coalesce(nullif(current_setting('reserved_connections', true), '')::int, 0) AS reserved
        """

    /// Consoles' connections on one PostgreSQL shard against what it allows
    /// applications. Nothing for a Turso shard (HTTP, no connections) or one
    /// that cannot be reached (`ShardDoctor` says why).
    public func connections(_ shard: ShardConfig, feedFromRelay: Bool) -> [DoctorFinding] {
        guard !shard.overHTTP, let conn = try? PGConnection(dsn: shard.dsn, options: options) else { return [] }
        defer { conn.close() }
        guard let row = try? conn.query(Self.connectionsSQL, [consoleApplicationName]).first,
              let consoles = try? row.int("consoles"), let maxc = try? row.int("maxc"), let reserved = try? row.int("reserved") else {
            return [DoctorFinding(.shard, shard.name, .unknown, "could not count the consoles' connections in pg_stat_activity")]
        }
        return [Self.connectionFinding(shard: shard.name, consoles: Int(consoles), usable: Int(max(1, maxc - reserved)), feedFromRelay: feedFromRelay)]
    }

    /// The advice for `consoles` connections out of `usable`: pure, so each threshold is tested as such.
    public static func connectionFinding(shard: String, consoles: Int, usable: Int, feedFromRelay: Bool) -> DoctorFinding {
        let share = Double(consoles) / Double(max(1, usable))
        let counted = "\(consoles) console connection\(consoles == 1 ? "" : "s") on \(shard) of its \(usable)"
        guard share > consoleShare else {
            return DoctorFinding(.shard, shard, .ok, "\(counted): direct consoles fit (doctor advises the relay past a quarter)")
        }
        let severity: Severity = share > criticalShare ? .critical : .warning
        let percent = Int((share * 100).rounded())
        if feedFromRelay {
            return DoctorFinding(.shard, shard, severity, "\(counted) (\(percent)%), though this deployment reads the relay",
                                 fix: "some consoles still read the shards directly: set [feed] source = \"relay\" in their configs")
        }
        return DoctorFinding(.shard, shard, severity, "\(counted) (\(percent)%): more than a quarter of what it allows applications",
                             fix: "run `studyspot relay` and set [feed] source = \"relay\" (docs/relay-owners.md)")
    }

    /// With `[feed] source = "relay"`: the relay's heartbeat is fresh, its
    /// shards are live, and every owner with a `db_role` has its ACL user.
    public func relay(_ topology: Topology, now: Date = Date()) -> [DoctorFinding] {
        guard let cache = topology.stateCache else {
            return [DoctorFinding(.relay, "state cache", .critical, "[feed] source = \"relay\" but no cache has role \"state\"",
                                  fix: "add the state cache the relay writes to ([[cache]] role = \"state\")")]
        }
        func finding(_ s: Severity, _ problem: String, fix: String? = nil) -> DoctorFinding { DoctorFinding(.relay, cache.name, s, problem, fix: fix) }
        let redis: RedisConnection
        do { redis = try RedisConnection(url: cache.url) } catch { return [] } // CacheDoctor says why
        defer { redis.close() }
        var findings: [DoctorFinding]
        do { findings = try heartbeat(redis, now: now, finding) } catch {
            return [finding(.unknown, "could not read \(RelayKeys.status): \(error.message)")]
        }
        findings += ownerUsers(topology, redis, finding)
        return findings
    }

    private func heartbeat(_ redis: RedisConnection, now: Date,
                           _ finding: (Severity, String, String?) -> DoctorFinding) throws(RedisError) -> [DoctorFinding] {
        let reply = try redis.command(["HGETALL", RelayKeys.status])
        if case .error(let e) = reply { return [finding(.unknown, "\(RelayKeys.status) refused: \(SecretMasking.masked(e))", "run doctor with the state cache's admin url, not an owner's")] }
        let items = (reply.array ?? []).compactMap(\.string)
        var fields: [String: String] = [:]
        for i in stride(from: 0, to: items.count - 1, by: 2) { fields[items[i]] = items[i + 1] }
        let run = "run `studyspot relay` (one per deployment, under systemd: docs/relay-owners.md)"
        guard let beat = fields["heartbeat"].flatMap(Double.init) else {
            return [finding(.critical, "[feed] source = \"relay\" but no relay has run here (\(RelayKeys.status) has no heartbeat): consoles see no changes", run)]
        }
        let age = now.timeIntervalSince1970 - beat
        if age > heartbeatStaleSeconds {
            return [finding(.critical, "the relay's last heartbeat was \(Int(age)) s ago: consoles see no new changes", "is `studyspot relay` still running? \(run)")]
        }
        let lagging = fields.filter { $0.key.hasPrefix("shard:") && $0.value != "live" }.sorted { $0.key < $1.key }
        if !lagging.isEmpty {
            let list = lagging.map { "\($0.key.dropFirst(6)) \($0.value)" }.joined(separator: ", ")
            return [finding(.warning, "the relay runs but not every shard is live: \(list)", "the relay's log says why; doctor's shard lines too")]
        }
        return [finding(.ok, "the relay beat \(max(0, Int(age))) s ago, every shard live", nil)]
    }

    private func ownerUsers(_ topology: Topology, _ redis: RedisConnection,
                            _ finding: (Severity, String, String?) -> DoctorFinding) -> [DoctorFinding] {
        guard let catalog = topology.catalogShard else { return [] }
        let owners: [RelayOwner]
        do { owners = try RelayOwnerRoles.withRoles(catalog: catalog, options: options) } catch {
            return [finding(.unknown, "could not read owners' db_role from \(catalog.name): \(SecretMasking.masked("\(error)"))", nil)]
        }
        guard !owners.isEmpty else { return [] }
        let users: Set<String>
        do {
            switch try RelayGrant.users(on: redis) {
            case .success(let u): users = u
            case .failure(let e): return [finding(.unknown, "cannot list ACL users: \(e.message)", "run doctor with the state cache's admin url")]
            }
        } catch {
            return [finding(.unknown, "cannot list ACL users: \(error.message)", nil)]
        }
        let missing = owners.filter { !users.contains($0.dbRole ?? "") }
        guard let first = missing.first else {
            return [finding(.ok, "all \(owners.count) owner(s) with a db_role have their ACL user", nil)]
        }
        let shown = missing.prefix(5).map { "\($0.id) (\($0.dbRole ?? ""))" }.joined(separator: ", ")
        let more = missing.count > 5 ? " and \(missing.count - 5) more" : ""
        return [finding(.warning, "\(missing.count) of \(owners.count) owner(s) have no ACL user, so their relay consoles cannot log in: \(shown)\(more)",
                        "studyspot relay grant --owner \(first.id) --password-env VAR (for each; docs/relay-owners.md)")]
    }
}
