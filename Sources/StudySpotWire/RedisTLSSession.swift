import Foundation
import CHiredis

/// Redis over TLS (`rediss://`). Debian's hiredis 0.14 has no SSL, but it
/// still formats commands (`redisFormatCommandArgv`) and parses replies
/// (`redisReader`), so only the byte transport is ours: `TLSStream`.
final class RedisTLSSession {
    private let stream: TLSStream
    private let reader: UnsafeMutablePointer<redisReader>
    private let timeout: Double
    private var broken = false

    init(host: String, port: Int, caFile: String?, timeout: Double) throws(TLSStreamError) {
        stream = try TLSStream(host: host, port: port, caFile: caFile, timeout: timeout)
        guard let r = redisReaderCreate() else {
            stream.close()
            throw TLSStreamError(kind: .connect, message: "cannot allocate a reply reader")
        }
        reader = r
        self.timeout = timeout
    }

    deinit {
        redisReaderFree(reader)
        stream.close()
    }

    var isAlive: Bool { !broken && stream.isOpen }

    func close() { stream.close() }

    /// Sends the commands in one write and reads one reply per command.
    func roundTrip(_ commands: [[[UInt8]]]) throws(TLSStreamError) -> [RedisReply] {
        guard isAlive else { throw TLSStreamError(kind: .closed, message: "not connected") }
        do throws(TLSStreamError) {
            let deadline = Date().addingTimeInterval(timeout)
            var wire: [UInt8] = []
            for args in commands { wire += try RedisTLSSession.format(args) }
            try wire.withUnsafeBytes { raw in Result { () throws(TLSStreamError) in try stream.write(raw, deadline: deadline) } }.get()
            var replies: [RedisReply] = []
            replies.reserveCapacity(commands.count)
            for _ in commands { replies.append(try readReply(deadline: Date().addingTimeInterval(timeout))) }
            return replies
        } catch {
            // A half-read reply leaves the stream out of step: never reuse it.
            broken = true
            stream.close()
            throw error
        }
    }

    private func readReply(deadline: Date) throws(TLSStreamError) -> RedisReply {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            var raw: UnsafeMutableRawPointer?
            guard redisReaderGetReply(reader, &raw) == studyspot_redis_ok else {
                throw TLSStreamError(kind: .io, message: "bad reply from the server: \(RedisTLSSession.readerError(reader))")
            }
            if let raw {
                defer { freeReplyObject(raw) }
                return RedisConnection.decode(raw.assumingMemoryBound(to: redisReply.self))
            }
            let n = try chunk.withUnsafeMutableBytes { b in
                Result { () throws(TLSStreamError) -> Int in try stream.read(into: b, deadline: deadline) }
            }.get()
            let fed = chunk.withUnsafeBytes { b in
                redisReaderFeed(reader, b.baseAddress!.assumingMemoryBound(to: CChar.self), n)
            }
            guard fed == studyspot_redis_ok else {
                throw TLSStreamError(kind: .io, message: "bad reply from the server: \(RedisTLSSession.readerError(reader))")
            }
        }
    }

    /// One command in RESP, by hiredis (binary-safe: lengths given).
    static func format(_ args: [[UInt8]]) throws(TLSStreamError) -> [UInt8] {
        var out: UnsafeMutablePointer<CChar>?
        let len = withArgv(args) { argc, argv, lens in redisFormatCommandArgv(&out, argc, argv, lens) }
        guard len > 0, let out else { throw TLSStreamError(kind: .io, message: "cannot format a command") }
        defer { redisFreeCommand(out) }
        return out.withMemoryRebound(to: UInt8.self, capacity: Int(len)) { Array(UnsafeBufferPointer(start: $0, count: Int(len))) }
    }

    static func readerError(_ r: UnsafeMutablePointer<redisReader>) -> String {
        withUnsafeBytes(of: r.pointee.errstr) { raw in
            let b = raw.bindMemory(to: UInt8.self)
            let text = String(decoding: b.prefix(b.firstIndex(of: 0) ?? b.count), as: UTF8.self)
            return text.isEmpty ? "protocol error" : text
        }
    }
}
