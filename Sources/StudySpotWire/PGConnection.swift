import Foundation
import CLibPQ
import StudySpotCore

/// How a connection behaves: who it says it is and how long it may wait.
public struct PGConnectOptions: Sendable {
    /// What a console's connections call themselves: `doctor` counts them in
    /// `pg_stat_activity` to say when the consoles should move to the relay.
    public static let consoleApplicationName = "studyspot-console"
    /// What the relay's connections call themselves, so `doctor` and an
    /// operator reading pg_stat_activity tell the one relay from the consoles.
    public static let relayApplicationName = "studyspot-relay"
    /// The name every connection of this process takes unless told otherwise:
    /// `relay` sets it once at start, before any monitor's thread connects.
    nonisolated(unsafe) public static var processApplicationName = consoleApplicationName
    public var applicationName = PGConnectOptions.processApplicationName
    /// libpq's own connect timeout (it takes at least 2 s).
    public var connectTimeoutSeconds = 3
    /// Server-side statement timeout; keeps a slow query from outliving a refresh.
    public var statementTimeoutMs = 5_000
    /// Client-side deadline per call: a hung server (SIGSTOP) never answers the
    /// statement timeout, so the client must give up on its own.
    public var callTimeoutSeconds = 8.0
    /// Replace the DSN's user and password (an owner's login role).
    public var user: String?
    public var password: String?
    /// The target this connection's statements count against (the console's own cost).
    public var costTarget: CostTarget?

    public init() {}
}

/// A notification received on a LISTEN channel.
public struct PGNotification: Sendable, Equatable {
    public var channel: String
    public var payload: String
    public var senderPID: Int32
}

/// One libpq connection. Not thread-safe: it is owned by one thread (a
/// monitor's) at a time, which is why it is `@unchecked Sendable` — it may be
/// handed to that thread, never shared.
public final class PGConnection: @unchecked Sendable {
    private var conn: OpaquePointer?
    /// The DSN with its password masked, for messages.
    public let maskedDSN: String
    private let secrets: [String]
    private var options: PGConnectOptions

    /// The client-side deadline of the next calls; a monitor may shorten it for
    /// a liveness check (a hung server is known only by a deadline passing).
    public var callTimeoutSeconds: Double {
        get { options.callTimeoutSeconds }
        set { options.callTimeoutSeconds = newValue }
    }

    public init(dsn: String, options: PGConnectOptions = PGConnectOptions()) throws(PGError) {
        self.options = options
        self.maskedDSN = SecretMasking.masked(dsn)
        let parsed = PGConnection.parseConninfo(dsn)
        var secrets = [parsed["password"], options.password].compactMap { $0 }
        if let pw = parsed["password"]?.removingPercentEncoding { secrets.append(pw) }
        self.secrets = secrets

        // Order matters with expand_dbname: keywords after `dbname` override the DSN's.
        var keys: [String] = []
        var values: [String] = []
        keys.append("connect_timeout"); values.append(String(options.connectTimeoutSeconds))
        if let mode = PGConnection.defaultSSLMode(parsed) { keys.append("sslmode"); values.append(mode) }
        if let roots = PGConnection.defaultRootCertificates(parsed) { keys.append("sslrootcert"); values.append(roots) }
        keys.append("dbname"); values.append(dsn)
        keys.append("application_name"); values.append(options.applicationName)
        keys.append("options")
        values.append("-c statement_timeout=\(options.statementTimeoutMs) -c DateStyle=ISO -c TimeZone=UTC -c client_encoding=UTF8")
        if let user = options.user { keys.append("user"); values.append(user) }
        if let password = options.password { keys.append("password"); values.append(password) }

        let c = withCStringArray(keys) { k in withCStringArray(values) { v in PQconnectdbParams(k, v, 1) } }
        guard let c else { throw PGError(kind: .connection, message: "out of memory connecting to \(maskedDSN)") }
        if PQstatus(c) != CONNECTION_OK {
            let message = String(cString: PQerrorMessage(c))
            PQfinish(c)
            throw PGError(kind: .connection, message: message, secrets: secrets)
        }
        // libpq prints NOTICEs to stderr by default, which would land on the dashboard.
        PQsetNoticeProcessor(c, { _, _ in }, nil)
        self.conn = c
    }

    deinit { if let conn { PQfinish(conn) } }

    public func close() {
        if let conn { PQfinish(conn) }
        conn = nil
    }

    public var isAlive: Bool { conn.map { PQstatus($0) == CONNECTION_OK } ?? false }
    public var backendPID: Int32 { conn.map { PQbackendPID($0) } ?? 0 }
    public var socket: Int32 { conn.map { PQsocket($0) } ?? -1 }
    public var serverVersion: Int { conn.map { Int(PQserverVersion($0)) } ?? 0 }

    // MARK: statements

    /// Runs one parameterised statement. Parameters travel separately from the
    /// SQL text (`$1`, `$2`…), so no data is ever spliced into SQL.
    @discardableResult
    public func query(_ sql: String, _ params: [(any PGParameter)?] = []) throws(PGError) -> PGResult {
        let c = try send(sql, params)
        return try collect(c)
    }

    /// Sends one statement with its parameters apart from the SQL text;
    /// the caller reads the results.
    private func send(_ sql: String, _ params: [(any PGParameter)?]) throws(PGError) -> OpaquePointer {
        let c = try live()
        options.costTarget?.count()
        let texts = params.map { $0?.pgText }
        let sent = withOptionalCStringArray(texts) { values in
            PQsendQueryParams(c, sql, Int32(texts.count), nil, values, nil, nil, 0)
        }
        guard sent == 1 else { throw lostOrQueryError() }
        return c
    }

    /// Runs one parameterised statement (as `query`) and hands its rows to
    /// `body` one at a time as they arrive (libpq's single-row mode): neither
    /// the whole result nor a Swift copy of it is ever held. For the start-up
    /// reads of tens of thousands of rows, which set the console's peak memory
    /// (Benchmarks/README.md, "Footprint: start-up"). `columns`
    /// names what the rows are read by (`PGRawRow`'s positions). When `body`
    /// throws, the remaining rows are read and dropped (the connection stays
    /// usable) and the error is rethrown.
    public func forEachRow(_ sql: String, _ params: [(any PGParameter)?] = [], columns: [String],
                           _ body: (PGRawRow) throws -> Void) throws {
        let c = try send(sql, params)
        _ = PQsetSingleRowMode(c)
        var positions: [Int32]?
        var failure: (any Error)?
        while true {
            try waitUntilReady(c)
            guard let r = PQgetResult(c) else { break }
            switch PQresultStatus(r) {
            case PGRES_SINGLE_TUPLE:
                guard failure == nil else { break }
                // Every row of one statement has the same columns: looked up once.
                let p = positions ?? columns.map { PQfnumber(r, $0) }
                positions = p
                do { try body(PGRawRow(res: r, positions: p, names: columns)) } catch { failure = error }
            case PGRES_TUPLES_OK, PGRES_COMMAND_OK:
                break
            case PGRES_COPY_IN:
                _ = PQputCopyEnd(c, "COPY must go through copyIn")
            case PGRES_COPY_OUT:
                failure = failure ?? PGError(kind: .protocolViolation, message: "COPY TO STDOUT is not supported here")
            default:
                if failure == nil { failure = resultError(r) }
            }
            PQclear(r)
        }
        if let failure { throw failure }
        if PQstatus(c) != CONNECTION_OK { throw lostOrQueryError() }
    }

    /// Prepares a statement once per connection under `name` (the server
    /// then skips parsing and planning on every `queryPrepared`).
    public func prepare(_ name: String, _ sql: String) throws(PGError) {
        let c = try live()
        guard PQsendPrepare(c, name, sql, 0, nil) == 1 else { throw lostOrQueryError() }
        _ = try collect(c)
    }

    /// Runs a statement made by `prepare`, parameters as in `query`.
    @discardableResult
    public func queryPrepared(_ name: String, _ params: [(any PGParameter)?] = []) throws(PGError) -> PGResult {
        let c = try live()
        options.costTarget?.count()
        let texts = params.map { $0?.pgText }
        let sent = withOptionalCStringArray(texts) { values in
            PQsendQueryPrepared(c, name, Int32(texts.count), values, nil, nil, 0)
        }
        guard sent == 1 else { throw lostOrQueryError() }
        return try collect(c)
    }

    /// Runs a script of statements without parameters (schema migrations).
    /// Never pass data here.
    public func execute(script sql: String) throws(PGError) {
        let c = try live()
        guard PQsendQuery(c, sql) == 1 else { throw lostOrQueryError() }
        _ = try collect(c)
    }

    /// Runs `body` in a transaction; rolls back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try query("BEGIN")
        do {
            let value = try body()
            try query("COMMIT")
            return value
        } catch {
            _ = try? query("ROLLBACK")
            throw error
        }
    }

    // MARK: identifiers and literals

    /// Quotes an identifier for the few places SQL cannot take a parameter
    /// (LISTEN, CREATE ROLE).
    public func quoteIdentifier(_ name: String) throws(PGError) -> String {
        let c = try live()
        let bytes = Array(name.utf8)
        guard let p = PQescapeIdentifier(c, name, bytes.count) else { throw lostOrQueryError() }
        defer { PQfreemem(p) }
        return String(cString: p)
    }

    public func quoteLiteral(_ text: String) throws(PGError) -> String {
        let c = try live()
        let bytes = Array(text.utf8)
        guard let p = PQescapeLiteral(c, text, bytes.count) else { throw lostOrQueryError() }
        defer { PQfreemem(p) }
        return String(cString: p)
    }

    // MARK: LISTEN / NOTIFY

    public func listen(_ channel: String) throws(PGError) {
        try query("LISTEN \(quoteIdentifier(channel))")
    }

    public func unlisten(_ channel: String) throws(PGError) {
        try query("UNLISTEN \(quoteIdentifier(channel))")
    }

    /// Reads whatever arrived on the socket and returns the buffered
    /// notifications, without blocking.
    public func drainNotifications() throws(PGError) -> [PGNotification] {
        let c = try live()
        guard PQconsumeInput(c) == 1 else { throw lostOrQueryError() }
        return takeNotifies(c)
    }

    /// Waits up to `timeout` seconds for notifications. Buffered ones are
    /// returned at once: libpq may already hold some before the socket is polled.
    public func waitForNotifications(timeout: Double) throws(PGError) -> [PGNotification] {
        let c = try live()
        var found = takeNotifies(c)
        if !found.isEmpty { return found }
        var pfd = pollfd(fd: PQsocket(c), events: Int16(POLLIN), revents: 0)
        let rc = poll(&pfd, 1, Int32(max(0, timeout * 1000)))
        if rc > 0 {
            guard PQconsumeInput(c) == 1 else { throw lostOrQueryError() }
            found = takeNotifies(c)
        }
        return found
    }

    private func takeNotifies(_ c: OpaquePointer) -> [PGNotification] {
        var out: [PGNotification] = []
        while let n = PQnotifies(c) {
            out.append(PGNotification(channel: String(cString: n.pointee.relname),
                                      payload: String(cString: n.pointee.extra),
                                      senderPID: n.pointee.be_pid))
            PQfreemem(n)
        }
        return out
    }

    // MARK: COPY

    /// Bulk-loads rows with `COPY … FROM STDIN` (text format). `nil` is NULL.
    /// Returns the number of rows the server took.
    @discardableResult
    public func copyIn<S: Sequence>(_ sql: String, rows: S) throws(PGError) -> Int where S.Element == [String?] {
        let c = try live()
        guard PQsendQuery(c, sql) == 1 else { throw lostOrQueryError() }
        try waitUntilReady(c)
        guard let start = PQgetResult(c) else { throw PGError(kind: .copy, message: "COPY did not start") }
        let status = PQresultStatus(start)
        if status != PGRES_COPY_IN {
            let err = resultError(start)
            PQclear(start)
            while let r = PQgetResult(c) { PQclear(r) }
            throw err
        }
        PQclear(start)
        var chunk = [UInt8]()
        chunk.reserveCapacity(1 << 16)
        func flush() -> Bool {
            guard !chunk.isEmpty else { return true }
            let ok = chunk.withUnsafeBufferPointer { buf in
                buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                    PQputCopyData(c, $0, Int32(buf.count)) == 1
                }
            }
            chunk.removeAll(keepingCapacity: true)
            return ok
        }
        for row in rows {
            PGCopyText.appendRow(row, to: &chunk)
            if chunk.count >= 1 << 16, !flush() { throw lostOrQueryError() }
        }
        guard flush(), PQputCopyEnd(c, nil) == 1 else { throw lostOrQueryError() }
        return try collect(c).affected
    }

    // MARK: internals

    private func live() throws(PGError) -> OpaquePointer {
        guard let conn, PQstatus(conn) == CONNECTION_OK else {
            throw PGError(kind: .connection, message: "not connected to \(maskedDSN)")
        }
        return conn
    }

    private func lostOrQueryError() -> PGError {
        guard let conn else { return PGError(kind: .connection, message: "not connected") }
        let message = String(cString: PQerrorMessage(conn))
        let kind: PGError.Kind = PQstatus(conn) == CONNECTION_OK ? .query : .connection
        return PGError(kind: kind, message: message, secrets: secrets)
    }

    /// Waits (bounded) until libpq has a whole result to hand out.
    private func waitUntilReady(_ c: OpaquePointer) throws(PGError) {
        let deadline = Date().addingTimeInterval(options.callTimeoutSeconds)
        var pfd = pollfd(fd: PQsocket(c), events: 0, revents: 0)
        // Flush what libpq could not send in one go.
        while true {
            let f = PQflush(c)
            if f == 0 { break }
            if f < 0 { throw lostOrQueryError() }
            pfd.events = Int16(POLLOUT | POLLIN)
            if try pollUntil(&pfd, deadline) { _ = PQconsumeInput(c) }
        }
        while PQisBusy(c) == 1 {
            pfd.events = Int16(POLLIN)
            _ = try pollUntil(&pfd, deadline)
            guard PQconsumeInput(c) == 1 else { throw lostOrQueryError() }
        }
    }

    private func pollUntil(_ pfd: inout pollfd, _ deadline: Date) throws(PGError) -> Bool {
        let remaining = deadline.timeIntervalSinceNow
        if remaining <= 0 { throw timedOut() }
        let rc = poll(&pfd, 1, Int32(min(remaining * 1000 + 1, 60_000)))
        if rc == 0 { throw timedOut() }
        return rc > 0
    }

    private func timedOut() -> PGError {
        // The connection is mid-statement and cannot be reused: drop it.
        close()
        return PGError(kind: .timeout, message: "no answer from \(maskedDSN) within \(options.callTimeoutSeconds)s")
    }

    private func collect(_ c: OpaquePointer) throws(PGError) -> PGResult {
        var result: PGResult?
        var failure: PGError?
        while true {
            try waitUntilReady(c)
            guard let r = PQgetResult(c) else { break }
            switch PQresultStatus(r) {
            case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_SINGLE_TUPLE:
                result = PGResult(r)
            case PGRES_COPY_IN:
                // A COPY started by a statement that was not sent through copyIn.
                _ = PQputCopyEnd(c, "COPY must go through copyIn")
            case PGRES_COPY_OUT:
                failure = PGError(kind: .protocolViolation, message: "COPY TO STDOUT is not supported here")
            default:
                if failure == nil { failure = resultError(r) }
            }
            PQclear(r)
        }
        if let failure { throw failure }
        if PQstatus(c) != CONNECTION_OK { throw lostOrQueryError() }
        guard let result else { throw PGError(kind: .protocolViolation, message: "no result") }
        return result
    }

    private func resultError(_ r: OpaquePointer) -> PGError {
        let state = PQresultErrorField(r, studyspot_diag_sqlstate).map { String(cString: $0) }
        var message = PQresultErrorField(r, studyspot_diag_message_primary).map { String(cString: $0) }
            ?? String(cString: PQresultErrorMessage(r))
        if let detail = PQresultErrorField(r, studyspot_diag_message_detail) {
            message += ": " + String(cString: detail)
        }
        let lost = conn.map { PQstatus($0) != CONNECTION_OK } ?? true
        return PGError(kind: lost ? .connection : .query, sqlstate: state, message: message, secrets: secrets)
    }

    static func parseConninfo(_ dsn: String) -> [String: String] {
        var err: UnsafeMutablePointer<CChar>?
        guard let opts = PQconninfoParse(dsn, &err) else {
            if let err { PQfreemem(err) }
            return [:]
        }
        defer { PQconninfoFree(opts) }
        var out = [String: String]()
        var p = opts
        while let kw = p.pointee.keyword {
            if let v = p.pointee.val { out[String(cString: kw)] = String(cString: v) }
            p += 1
        }
        return out
    }

    /// The sslmode the console adds to a DSN that names none: `verify-full`
    /// off loopback, so a password never crosses the network to an unchecked
    /// server; `disable` on loopback, where TLS buys nothing and libpq's default
    /// ("prefer") would bring OpenSSL into every connection for a refused
    /// handshake. Nil when the DSN says (the user's choice is kept).
    static func defaultSSLMode(_ parsed: [String: String]) -> String? {
        guard parsed["sslmode"] == nil else { return nil }
        return isLoopback(parsed["hostaddr"] ?? parsed["host"]) ? "disable" : "verify-full"
    }

    /// The certificate authorities a defaulted `verify-full` checks against.
    /// libpq 15 reads only ~/.postgresql/root.crt (it has no
    /// `sslrootcert=system`), so a hosted database with a public certificate
    /// would be refused for want of a file; the system's trust store is used
    /// instead (`SSL_CERT_FILE` when set). Nil when the DSN, `PGSSLROOTCERT` or
    /// ~/.postgresql/root.crt already says, or when the console did not choose the mode.
    static func defaultRootCertificates(_ parsed: [String: String],
                                        environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard defaultSSLMode(parsed) == "verify-full", parsed["sslrootcert"] == nil, environment["PGSSLROOTCERT"] == nil else { return nil }
        let home = environment["HOME"] ?? NSHomeDirectory()
        if FileManager.default.fileExists(atPath: home + "/.postgresql/root.crt") { return nil }
        let bundle = environment["SSL_CERT_FILE"] ?? "/etc/ssl/certs/ca-certificates.crt"
        return FileManager.default.fileExists(atPath: bundle) ? bundle : nil
    }

    static func isLoopback(_ host: String?) -> Bool {
        guard let host, !host.isEmpty else { return true } // Unix socket
        return host.split(separator: ",").allSatisfy { h in
            h.hasPrefix("/") || h.hasPrefix("@") || LoopbackHost.contains(String(h))
        }
    }
}

/// Lets a libpq call see an array of Swift strings as `const char *const *`.
func withCStringArray<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    withOptionalCStringArray(strings.map { Optional($0) }) { body($0) }
}

func withOptionalCStringArray<R>(_ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let owned: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0)! } }
    defer { owned.forEach { free($0) } }
    var pointers: [UnsafePointer<CChar>?] = owned.map { $0.map { UnsafePointer($0) } }
    pointers.append(nil)
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
