import Foundation
import CLibPQ
import CHiredis
import StudySpotCore
#if canImport(Glibc)
import Glibc
#endif

/// A decoded Redis reply, as much as readiness checks and tests need.
enum LocalStackRedisReply: Equatable, Sendable {
    case status(String), error(String), string(String), integer(Int64), null
    indirect case array([LocalStackRedisReply])
}

/// Minimal libpq and hiredis calls for readiness and setup. The console's
/// real clients live elsewhere in this module; the stack must not depend on them.
enum LocalStackProbe {
    /// True when a PostgreSQL server accepts connections on 127.0.0.1:`port`
    /// (no password needed: PQping counts an authentication request as an answer).
    static func postgresAnswers(port: Int) -> Bool {
        PQping("host=127.0.0.1 port=\(port) dbname=postgres user=\(ServerUser.systemUserName) connect_timeout=2") == PQPING_OK
    }

    /// Runs `sql` (no parameters: only fixed statements) and returns the rows as text.
    /// Errors carry the server's message with the password masked.
    static func postgresQuery(_ conninfo: String, _ sql: String, password: String? = nil) throws -> [[String?]] {
        guard let conn = PQconnectdb(conninfo) else {
            throw LocalStackError.database(server: SecretMasking.masked(conninfo), message: "out of memory")
        }
        defer { PQfinish(conn) }
        func failure(_ text: String) -> LocalStackError {
            let clean = SecretMasking.redacting(text.trimmingCharacters(in: .whitespacesAndNewlines),
                                                secrets: password.map { [$0] } ?? [])
            return .database(server: SecretMasking.masked(conninfo), message: clean)
        }
        guard PQstatus(conn) == CONNECTION_OK else { throw failure(String(cString: PQerrorMessage(conn))) }
        guard let result = PQexec(conn, sql) else { throw failure(String(cString: PQerrorMessage(conn))) }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK else {
            throw failure(String(cString: PQresultErrorMessage(result)))
        }
        var rows: [[String?]] = []
        for row in 0..<PQntuples(result) {
            rows.append((0..<PQnfields(result)).map { column in
                PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column))
            })
        }
        return rows
    }

    /// True when the Redis server on 127.0.0.1:`port` answers PING (after AUTH, when given).
    /// A NOAUTH error still proves it answers.
    static func redisAnswers(port: Int, password: String?) -> Bool {
        switch try? redisCommand(port: port, password: password, ["PING"]) {
        case .status("PONG"): return true
        case .error(let message) where message.hasPrefix("NOAUTH"): return true
        default: return false
        }
    }

    /// Sends one command (after AUTH, when a password is given) and decodes the reply.
    static func redisCommand(port: Int, password: String?, _ arguments: [String],
                             timeoutSeconds: Int = 2) throws -> LocalStackRedisReply {
        signal(SIGPIPE, SIG_IGN) // hiredis writes to sockets the server may have closed
        let timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        guard let context = redisConnectWithTimeout("127.0.0.1", Int32(port), timeout) else {
            throw LocalStackError.database(server: "redis 127.0.0.1:\(port)", message: "out of memory")
        }
        defer { redisFree(context) }
        func failure() -> LocalStackError {
            let message = withUnsafeBytes(of: context.pointee.errstr) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            return .database(server: "redis 127.0.0.1:\(port)", message: message)
        }
        guard context.pointee.err == 0 else { throw failure() }
        _ = redisSetTimeout(context, timeout)
        if let password {
            let reply = try send(context, ["AUTH", password], failure)
            if case .error(let message) = reply {
                throw LocalStackError.database(server: "redis 127.0.0.1:\(port)",
                                               message: SecretMasking.redacting(message, secrets: [password]))
            }
        }
        return try send(context, arguments, failure)
    }

    private static func send(_ context: UnsafeMutablePointer<redisContext>, _ arguments: [String],
                             _ failure: () -> LocalStackError) throws -> LocalStackRedisReply {
        let buffers = arguments.map { Array($0.utf8) }
        let pointers = buffers.map { bytes -> UnsafeMutablePointer<CChar> in
            let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: max(bytes.count, 1))
            bytes.withUnsafeBufferPointer { source in
                source.withMemoryRebound(to: CChar.self) { pointer.update(from: $0.baseAddress!, count: bytes.count) }
            }
            return pointer
        }
        defer { pointers.forEach { $0.deallocate() } }
        var argv: [UnsafePointer<CChar>?] = pointers.map { UnsafePointer($0) }
        let lengths = buffers.map(\.count)
        guard let raw = redisCommandArgv(context, Int32(arguments.count), &argv, lengths) else { throw failure() }
        let reply = raw.assumingMemoryBound(to: redisReply.self)
        defer { freeReplyObject(raw) }
        return decode(reply)
    }

    private static func decode(_ reply: UnsafeMutablePointer<redisReply>) -> LocalStackRedisReply {
        let value = reply.pointee
        func text() -> String {
            guard let str = value.str else { return "" }
            return String(decoding: UnsafeRawBufferPointer(start: str, count: Int(value.len)), as: UTF8.self)
        }
        switch value.type {
        case studyspot_reply_status: return .status(text())
        case studyspot_reply_error: return .error(text())
        case studyspot_reply_string: return .string(text())
        case studyspot_reply_integer: return .integer(value.integer)
        case studyspot_reply_array:
            return .array((0..<Int(value.elements)).compactMap { value.element[$0].map(decode) })
        default: return .null
        }
    }
}
