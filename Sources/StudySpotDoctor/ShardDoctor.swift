import Foundation
import StudySpotCore
import StudySpotSchema
import StudySpotWire

/// Checks one PostgreSQL shard: reachable, TLS off loopback, LISTEN usable
/// (not through a transaction pooler), and the schema the console needs.
public struct ShardDoctor: Sendable {
    public var topology: Topology
    public var options: PGConnectOptions
    /// How long a NOTIFY from a second connection may take to arrive.
    public var listenTimeout: Double

    public init(topology: Topology, options: PGConnectOptions = PGConnectOptions(), listenTimeout: Double = 2) {
        self.topology = topology
        self.options = options
        self.listenTimeout = listenTimeout
    }

    public func check(_ shard: ShardConfig) -> [DoctorFinding] {
        func finding(_ s: Severity, _ problem: String, fix: String? = nil) -> DoctorFinding {
            DoctorFinding(.shard, shard.name, s, problem, fix: fix)
        }
        if let url = shard.url {
            return tursoFindings(shard, url: url, finding)
        }
        var findings = addressFindings(shard)
        guard !findings.contains(where: { $0.problem.hasPrefix("libpq cannot parse") }) else { return findings }
        let parsed = PGConnInfo.parse(shard.dsn)
        let loopback = PGConnInfo.isLoopback(parsed)
        let mode = PGConnInfo.effectiveSSLMode(parsed)
        let pooler = Self.knownPooler(host: parsed["host"] ?? "", port: parsed["port"] ?? "5432", user: parsed["user"])

        let started = Date()
        let conn: PGConnection
        do {
            conn = try PGConnection(dsn: shard.dsn, options: options)
        } catch {
            findings.append(finding(.critical, "unreachable: \(Self.oneLine(error.message))", fix: Self.connectFix(error.message)))
            return findings
        }
        defer { conn.close() }
        let latencyMs = Int(Date().timeIntervalSince(started) * 1000)

        if pooler == nil {
            switch listenRoundTrip(conn, dsn: shard.dsn) {
            case .success(true): break
            case .success(false):
                findings.append(finding(.critical, "LISTEN will not work: a NOTIFY sent from a second connection did not arrive within \(Self.seconds(listenTimeout)) — the DSN goes through a transaction pooler (PgBouncer, Supavisor)",
                                        fix: "point dsn at the database's direct host and port; a pooler in session mode also works"))
            case .failure(let e):
                findings.append(finding(.critical, "LISTEN will not work: \(Self.oneLine(e.message))", fix: "point dsn at the database's direct host and port"))
            }
        }

        findings += schemaFindings(conn, shard, finding)

        if findings.isEmpty {
            let tls = loopback ? "loopback" : "TLS \(mode)"
            findings.append(finding(.ok, "reachable in \(latencyMs) ms, \(tls), LISTEN works, schema complete"))
        }
        return findings
    }

    /// What the DSN alone tells, before connecting: libpq can read it, TLS
    /// off loopback, a pooler known by its address.
    public func addressFindings(_ shard: ShardConfig) -> [DoctorFinding] {
        func finding(_ s: Severity, _ problem: String, fix: String? = nil) -> DoctorFinding {
            DoctorFinding(.shard, shard.name, s, problem, fix: fix)
        }
        let parsed = PGConnInfo.parse(shard.dsn)
        guard !parsed.isEmpty else {
            return [finding(.critical, "libpq cannot parse the DSN", fix: "`studyspot config check` names the line; see libpq's connection strings")]
        }
        var findings: [DoctorFinding] = []
        let host = parsed["host"] ?? parsed["hostaddr"] ?? ""
        let mode = PGConnInfo.effectiveSSLMode(parsed)
        if !PGConnInfo.isLoopback(parsed) {
            switch mode {
            case "disable":
                findings.append(finding(.critical, "TLS off: sslmode=disable sends the password and every row in clear to \(host)",
                                        fix: "use sslmode=verify-full (or leave sslmode out: off loopback the console defaults to verify-full)"))
            case "allow", "prefer":
                findings.append(finding(.warning, "TLS not enforced: sslmode=\(mode) falls back to plain text and checks no certificate",
                                        fix: "use sslmode=verify-full (or leave sslmode out: off loopback the console defaults to verify-full)"))
            default: break
            }
        }
        if let pooler = Self.knownPooler(host: host, port: parsed["port"] ?? "5432", user: parsed["user"]) {
            findings.append(finding(.critical, "LISTEN will not work: \(pooler.problem)", fix: pooler.fix))
        }
        return findings
    }

    /// LISTEN here, NOTIFY from a second connection: through a transaction
    /// pooler the LISTEN stays on a server connection the client has already
    /// given back, so the notification never reaches it.
    func listenRoundTrip(_ conn: PGConnection, dsn: String) -> Result<Bool, PGError> {
        let channel = "studyspot_doctor_\(UInt32.random(in: 0...UInt32.max))"
        do {
            try conn.listen(channel)
            defer { _ = try? conn.unlisten(channel) }
            let sender = try PGConnection(dsn: dsn, options: options)
            defer { sender.close() }
            try sender.query("SELECT pg_notify($1, 'doctor')", [channel])
            let deadline = Date().addingTimeInterval(listenTimeout)
            while Date() < deadline {
                let got = try conn.waitForNotifications(timeout: max(0.01, deadline.timeIntervalSinceNow))
                if got.contains(where: { $0.channel == channel }) { return .success(true) }
            }
            return .success(false)
        } catch {
            return .failure(error)
        }
    }

    func schemaFindings(_ conn: PGConnection, _ shard: ShardConfig,
                        _ finding: (Severity, String, String?) -> DoctorFinding) -> [DoctorFinding] {
        let plan: SchemaPlan
        do {
            plan = try conn.transaction {
                try conn.query("SET TRANSACTION READ ONLY")
                return try SchemaInspector.plan(conn, components: ConsoleSchema.components(for: shard, in: topology))
            }
        } catch {
            return [finding(.unknown, "could not read the schema: \(Self.oneLine("\(error)"))", "connect as a role that may read the system catalogs")]
        }
        var out: [DoctorFinding] = []
        let apply = "run `studyspot schema apply` (`--dry-run` first shows the SQL)"
        if !plan.missingColumns.isEmpty {
            let byTable = Dictionary(grouping: plan.missingColumns, by: \.table)
            for table in byTable.keys.sorted() {
                out.append(finding(.critical, "table \(table) lacks column(s) \(byTable[table]!.map(\.column).joined(separator: ", ")) the console reads",
                                   "add them (CONTRACT §3); until then `schema apply` changes nothing on this shard"))
            }
        }
        let names = plan.missing
        let tables = names.filter { $0.hasPrefix("table ") && !$0.contains("studyspot_schema_version") }.map { String($0.dropFirst(6)) }
        if !tables.isEmpty { out.append(finding(.critical, "schema not applied: missing table(s) \(tables.joined(separator: ", "))", apply)) }
        if names.contains(ConsoleSchema.notifyTrigger.name), !tables.contains("public.bookings") {
            out.append(finding(.critical, "booking changes are not pushed: \(ConsoleSchema.notifyTrigger.name) is missing, so the Bookings and Seats panes will not update live", apply))
        }
        let rls = names.filter { $0.hasPrefix("row-level security on ") }.map { String($0.dropFirst("row-level security on ".count)) }
            .filter { t in !tables.contains { $0.hasSuffix("." + t) } }
        if !rls.isEmpty {
            out.append(finding(.critical, "row-level security off on \(rls.joined(separator: ", ")): an owner's console would see every owner's rows", apply))
        }
        let reported = Set(tables.map { "table " + $0 } + [ConsoleSchema.notifyTrigger.name] + rls.map { "row-level security on " + $0 })
        let rest = names.filter { !reported.contains($0) && !$0.hasPrefix("table ") }
        if !rest.isEmpty, tables.isEmpty {
            out.append(finding(.warning, "schema incomplete: \(rest.joined(separator: ", "))", apply))
        }
        return out
    }

    /// Poolers known by their address: Neon's `-pooler` host and Supabase's port 6543.
    static func knownPooler(host: String, port: String, user: String?) -> (problem: String, fix: String)? {
        let h = host.lowercased()
        if let range = h.range(of: "-pooler.") {
            let direct = h.replacingCharacters(in: range, with: ".")
            return ("host \(host) is Neon's pooled endpoint (PgBouncer in transaction mode)", "use the direct host \(direct)")
        }
        if port.split(separator: ",").contains("6543") {
            let ref = user.flatMap { u -> String? in
                guard u.hasPrefix("postgres.") else { return nil }
                return String(u.dropFirst("postgres.".count))
            } ?? h.wholeMatch(of: /db\.([a-z0-9]+)\.supabase\.co/).map { String($0.1) } ?? "<ref>"
            return ("port 6543 is Supabase's transaction pooler", "use the direct port 5432 (db.\(ref).supabase.co)")
        }
        return nil
    }

    /// How to fix a connection failure, from libpq's reason.
    static func connectFix(_ message: String) -> String {
        let m = message.lowercased()
        if m.contains("unsupported startup parameter") {
            return "the DSN goes through PgBouncer, which refuses the console's session options (and LISTEN needs a session): use the database's direct host and port"
        }
        if m.contains("password authentication failed") || m.contains("no password supplied") { return "check the user and password in dsn (or [login])" }
        if m.contains("could not translate host name") { return "check the host name in dsn" }
        if m.contains("connection refused") { return "is the server running, and is the port in dsn right?" }
        if m.contains("timeout") || m.contains("no answer") { return "check the host, the port and any firewall between here and there" }
        if m.contains("certificate") || m.contains("ssl") { return "the server's certificate did not verify: check the host name, or name its CA with sslrootcert=" }
        if m.contains("does not exist") { return "check dbname and user in dsn" }
        return "check dsn with `studyspot config check`, then the server's log"
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "; ")
    }

    static func seconds(_ s: Double) -> String {
        s == s.rounded() ? "\(Int(s)) s" : "\(s) s"
    }

    /// A catalog on Turso's HTTP API: the token is accepted and the catalog's
    /// tables answer (LISTEN, triggers and row-level security do not apply).
    private func tursoFindings(_ shard: ShardConfig, url: String,
                               _ finding: (Severity, String, String?) -> DoctorFinding) -> [DoctorFinding] {
        let started = Date()
        do {
            let client = try HranaClient(url: url, token: shard.token ?? "", timeout: listenTimeout)
            let rows = try client.query("SELECT count(*) AS n FROM libraries")
            let libraries = try rows.first?.int("n") ?? 0
            let ms = Int(Date().timeIntervalSince(started) * 1000)
            return [finding(.ok, "Turso answered in \(ms) ms; \(libraries) libraries", nil)]
        } catch {
            let fix = error.status == 401 ? "a database token for this database (turso db tokens create NAME), in the shard's token"
                : "check the url (libsql://NAME-ORG.turso.io) and that the catalog's tables exist"
            return [finding(.critical, "Turso: \(error.message)", fix)]
        }
    }
}
