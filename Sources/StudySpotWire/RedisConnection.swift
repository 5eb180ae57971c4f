import Foundation
import CHiredis
import StudySpotCore

public struct RedisError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable { case connection, command, timeout, unsupported }
    public var kind: Kind
    public var message: String
    public init(kind: Kind, message: String, secrets: [String] = []) {
        self.kind = kind
        self.message = SecretMasking.redacting(SecretMasking.masked(message), secrets: secrets)
    }
    public var description: String { message }
    public var isConnectionLost: Bool { kind != .command }
}

/// One Redis connection, owned by one thread at a time (hence
/// `@unchecked Sendable`: it may be handed over, never shared). `redis://`
/// goes through hiredis; `rediss://` through `RedisTLSSession` (OpenSSL, the
/// server's certificate and name verified), with the same replies.
public final class RedisConnection: @unchecked Sendable {
    private var ctx: UnsafeMutablePointer<redisContext>?
    private var tls: RedisTLSSession?
    public let url: RedisURL
    public let maskedURL: String
    private let secrets: [String]

    /// Connects, authenticates and selects the URL's database.
    /// The target commands count against (the console's own cost).
    public let costTarget: CostTarget?

    public init(url text: String, timeoutSeconds: Double = 3, costTarget: CostTarget? = nil) throws(RedisError) {
        self.costTarget = costTarget
        maskedURL = SecretMasking.masked(text)
        do { url = try RedisURL(parsing: text) } catch { throw RedisError(kind: .connection, message: error.description) }
        secrets = [url.password].compactMap { $0 }
        if url.tls {
            do { tls = try RedisTLSSession(host: url.host, port: url.port, caFile: url.caFile, timeout: timeoutSeconds) } catch {
                throw RedisError(kind: error.kind == .timeout ? .timeout : .connection, message: "\(maskedURL): \(error.message)", secrets: secrets)
            }
            try authenticate()
            return
        }
        let tv = timeval(tv_sec: Int(timeoutSeconds), tv_usec: Int((timeoutSeconds - floor(timeoutSeconds)) * 1_000_000))
        guard let c = redisConnectWithTimeout(url.host, Int32(url.port), tv) else {
            throw RedisError(kind: .connection, message: "\(maskedURL): cannot allocate a connection")
        }
        if c.pointee.err != 0 {
            let message = RedisConnection.errorText(c)
            redisFree(c)
            throw RedisError(kind: .connection, message: "\(maskedURL): \(message)")
        }
        _ = redisSetTimeout(c, tv)
        ctx = c
        try authenticate()
    }

    /// AUTH and SELECT from the URL; closes the connection when either fails.
    private func authenticate() throws(RedisError) {
        do throws(RedisError) {
            if let password = url.password {
                let auth = url.user.map { ["AUTH", $0, password] } ?? ["AUTH", password]
                if case .error(let e) = try command(auth) {
                    throw RedisError(kind: .connection, message: "\(maskedURL): \(e)", secrets: secrets)
                }
            }
            if url.database != 0, case .error(let e) = try command(["SELECT", String(url.database)]) {
                throw RedisError(kind: .connection, message: "\(maskedURL): \(e)")
            }
        } catch {
            close()
            throw error
        }
    }

    deinit { if let ctx { redisFree(ctx) } }

    public func close() {
        if let ctx { redisFree(ctx) }
        ctx = nil
        tls?.close()
        tls = nil
    }

    public var isAlive: Bool { tls?.isAlive ?? ctx.map { $0.pointee.err == 0 } ?? false }

    /// Sends one command as an argument vector: binary-safe, no format string.
    /// A Redis error reply is returned as `.error`, not thrown; only transport
    /// failures throw.
    @discardableResult
    public func command(_ args: [String]) throws(RedisError) -> RedisReply {
        try command(bytes: args.map { Array($0.utf8) })
    }

    public func command(bytes args: [[UInt8]]) throws(RedisError) -> RedisReply {
        if tls != nil { return try tlsRoundTrip([args])[0] }
        guard let ctx, ctx.pointee.err == 0 else {
            throw RedisError(kind: .connection, message: "\(maskedURL): not connected")
        }
        costTarget?.count()
        let raw: UnsafeMutableRawPointer? = withArgv(args) { argc, argv, lens in
            redisCommandArgv(ctx, argc, argv, lens)
        }
        guard let raw else {
            let message = RedisConnection.errorText(ctx)
            let timedOut = message.localizedCaseInsensitiveContains("timed out") || message.contains("Resource temporarily unavailable")
            close() // hiredis contexts are unusable after an I/O error
            throw RedisError(kind: timedOut ? .timeout : .connection, message: "\(maskedURL): \(message)", secrets: secrets)
        }
        let reply = raw.assumingMemoryBound(to: redisReply.self)
        defer { freeReplyObject(raw) }
        return RedisConnection.decode(reply)
    }

    /// Sends several commands in one round trip and returns their replies in order.
    public func pipeline(_ commands: [[String]]) throws(RedisError) -> [RedisReply] {
        if tls != nil { return try tlsRoundTrip(commands.map { $0.map { Array($0.utf8) } }) }
        guard let ctx, ctx.pointee.err == 0 else {
            throw RedisError(kind: .connection, message: "\(maskedURL): not connected")
        }
        costTarget?.count(commands.count)
        for args in commands {
            let rc = withArgv(args.map { Array($0.utf8) }) { argc, argv, lens in
                redisAppendCommandArgv(ctx, argc, argv, lens)
            }
            guard rc == studyspot_redis_ok else {
                throw RedisError(kind: .connection, message: "\(maskedURL): \(RedisConnection.errorText(ctx))")
            }
        }
        var replies: [RedisReply] = []
        for _ in commands {
            var raw: UnsafeMutableRawPointer?
            guard redisGetReply(ctx, &raw) == studyspot_redis_ok, let raw else {
                let message = RedisConnection.errorText(ctx)
                close()
                throw RedisError(kind: .connection, message: "\(maskedURL): \(message)", secrets: secrets)
            }
            replies.append(RedisConnection.decode(raw.assumingMemoryBound(to: redisReply.self)))
            freeReplyObject(raw)
        }
        return replies
    }

    private func tlsRoundTrip(_ commands: [[[UInt8]]]) throws(RedisError) -> [RedisReply] {
        guard let tls, tls.isAlive else { throw RedisError(kind: .connection, message: "\(maskedURL): not connected") }
        costTarget?.count(commands.count)
        do { return try tls.roundTrip(commands) } catch {
            close()
            throw RedisError(kind: error.kind == .timeout ? .timeout : .connection, message: "\(maskedURL): \(error.message)", secrets: secrets)
        }
    }

    static func decode(_ r: UnsafeMutablePointer<redisReply>) -> RedisReply {
        let t = r.pointee.type
        func bytes() -> [UInt8] {
            guard let s = r.pointee.str, r.pointee.len > 0 else { return [] }
            return s.withMemoryRebound(to: UInt8.self, capacity: r.pointee.len) {
                Array(UnsafeBufferPointer(start: $0, count: r.pointee.len))
            }
        }
        switch t {
        case studyspot_reply_string: return .bulk(bytes())
        case studyspot_reply_status: return .status(String(decoding: bytes(), as: UTF8.self))
        case studyspot_reply_error: return .error(String(decoding: bytes(), as: UTF8.self))
        case studyspot_reply_integer: return .integer(r.pointee.integer)
        case studyspot_reply_nil: return .null
        case studyspot_reply_array:
            var items: [RedisReply] = []
            items.reserveCapacity(r.pointee.elements)
            for i in 0..<r.pointee.elements {
                if let e = r.pointee.element[i] { items.append(decode(e)) } else { items.append(.null) }
            }
            return .array(items)
        default: return .error("unknown reply type \(t)")
        }
    }

    static func errorText(_ c: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: c.pointee.errstr) { raw in
            let b = raw.bindMemory(to: UInt8.self)
            let n = b.firstIndex(of: 0) ?? b.count
            let text = String(decoding: b.prefix(n), as: UTF8.self)
            return text.isEmpty ? "I/O error (\(c.pointee.err))" : text
        }
    }
}

func withArgv<R>(_ args: [[UInt8]], _ body: (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>, UnsafePointer<Int>) -> R) -> R {
    let buffers: [UnsafeMutablePointer<CChar>] = args.map { a in
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: max(1, a.count))
        a.withUnsafeBytes { raw in if a.count > 0 { UnsafeMutableRawPointer(p).copyMemory(from: raw.baseAddress!, byteCount: a.count) } }
        return p
    }
    defer { buffers.forEach { $0.deallocate() } }
    var argv: [UnsafePointer<CChar>?] = buffers.map { UnsafePointer($0) }
    let lens = args.map(\.count)
    return argv.withUnsafeMutableBufferPointer { av in
        lens.withUnsafeBufferPointer { lp in body(Int32(args.count), av.baseAddress!, lp.baseAddress!) }
    }
}
