import Foundation
import StudySpotCore
import StudySpotWire

/// Appends booking changes to `feed:owner:{owner}` and `feed:all`, each
/// batch in one MULTI/EXEC (all of it or none), on a thread of its own so
/// the feed's shard threads never wait on the state cache. While the cache
/// is down, changes wait in memory up to `pendingLimit`; past it they are
/// dropped and `overflowed` is set: the relay then restarts its feed from the
/// stream's tail once the cache is back, re-reading them from the shards
/// (their `updated_at` says what changed), so nothing is lost either way.
final class RelayStreamWriter: @unchecked Sendable {
    static let batchLimit = 500

    private let link: RedisLink
    private let pendingLimit: Int
    private let ownerLength: Int
    private let allLength: Int
    private let log: @Sendable (Bool, String) -> Void
    private let cond = NSCondition()
    private var pending: [BookingRecord] = []
    private var generation = 0
    private var stopped = false
    private var overflow = false
    /// Counts overflows: a batch taken before one must not remove what came after.
    private var drops = 0
    private var appended = 0
    private var lastError: String?

    init(link: RedisLink, pendingLimit: Int, ownerLength: Int = RelayLimits.ownerStreamLength,
         allLength: Int = RelayLimits.allStreamLength, log: @escaping @Sendable (Bool, String) -> Void) {
        self.link = link; self.pendingLimit = pendingLimit; self.ownerLength = ownerLength; self.allLength = allLength; self.log = log
    }

    func start() { Thread.detachNewThread { [self] in run() } }
    func stop() { cond.withLock { stopped = true; cond.broadcast() } }

    /// A new feed starts (after an overflow): what an older feed still posts is ignored.
    func begin(generation g: Int) { cond.withLock { generation = g; overflow = false } }

    /// Changes from the feed of generation `g`, oldest first.
    func enqueue(_ records: [BookingRecord], generation g: Int) {
        guard !records.isEmpty else { return }
        cond.withLock {
            guard g == generation, !overflow else { return }
            if pending.count + records.count > pendingLimit {
                log(true, "state cache down: \(pending.count + records.count) changes waiting, over \(pendingLimit); dropped, to be read again from the shards when it is back")
                pending.removeAll(keepingCapacity: false)
                overflow = true
                drops += 1
            } else {
                pending.append(contentsOf: records)
            }
            cond.broadcast()
        }
    }

    /// Changes were dropped: the feed must start again from the stream's tail.
    var overflowed: Bool { cond.withLock { overflow } }
    var pendingCount: Int { cond.withLock { pending.count } }
    var appendedCount: Int { cond.withLock { appended } }
    var error: String? { cond.withLock { lastError } }

    private func run() {
        var backoff = 0.2
        var unconfirmed = false
        while true {
            cond.lock()
            while pending.isEmpty && !stopped { cond.wait() }
            if stopped { cond.unlock(); return }
            let batch = Array(pending.prefix(Self.batchLimit))
            let epoch = drops
            cond.unlock()
            do throws(RedisError) {
                // A batch whose EXEC went out but whose answer did not come back
                // may be in the stream: MULTI/EXEC applied all of it or none.
                if unconfirmed, try inStream(batch) {
                    unconfirmed = false
                    confirm(batch.count, epoch: epoch)
                    continue
                }
                unconfirmed = true
                try append(batch)
                unconfirmed = false
                confirm(batch.count, epoch: epoch)
                backoff = 0.2
            } catch {
                if !error.isConnectionLost { unconfirmed = false }
                let text = SecretMasking.masked(error.description)
                // Once per outage, not once per retry.
                let first = cond.withLock { () -> Bool in defer { lastError = text }; return lastError == nil }
                if first { log(true, "appending \(batch.count) changes: \(text); retrying until the state cache answers") }
                cond.lock()
                let until = Date().addingTimeInterval(backoff)
                while !stopped && Date() < until { _ = cond.wait(until: until) }
                cond.unlock()
                backoff = min(backoff * 2, 2)
            }
        }
    }

    private func confirm(_ n: Int, epoch: Int) {
        if let was = error { log(false, "state cache answers again (it failed with: \(was)); \(pendingCount) changes waiting") }
        cond.withLock {
            // After an overflow the queue holds only later changes.
            if epoch == drops { pending.removeFirst(min(n, pending.count)) }
            appended += n
            lastError = nil
        }
    }

    private func append(_ batch: [BookingRecord]) throws(RedisError) {
        var commands: [[String]] = [["MULTI"]]
        commands.reserveCapacity(batch.count * 2 + 2)
        for r in batch {
            let fields = RelayEntry.fields(r).flatMap { [$0.0, $0.1] }
            commands.append(["XADD", RelayKeys.owner(r.ownerId), "MAXLEN", "~", String(ownerLength), "*"] + fields)
            commands.append(["XADD", RelayKeys.all, "MAXLEN", "~", String(allLength), "*"] + fields)
        }
        commands.append(["EXEC"])
        let replies = try link.run { c throws(RedisError) in try c.pipeline(commands) }
        guard let exec = replies.last, exec.array != nil else {
            throw RedisError(kind: .command, message: "EXEC of \(batch.count) changes: \(replies.last.map { "\($0)" } ?? "no reply")")
        }
        for reply in replies { try requireOK(reply, "XADD") }
    }

    /// Whether the batch's last change is among the newest entries of `feed:all`.
    private func inStream(_ batch: [BookingRecord]) throws(RedisError) -> Bool {
        guard let last = batch.last?.changeKey else { return false }
        let reply = try link.run { c throws(RedisError) in
            try c.command(["XREVRANGE", RelayKeys.all, "+", "-", "COUNT", String(batch.count * 2 + 100)])
        }
        return RelayStreamReader.entries(reply).contains { e in
            (try? RelayEntry.record(e.fields).get()).map { $0.changeKey == last } ?? false
        }
    }
}

/// Decoding `XRANGE`/`XREVRANGE` replies: `[[id, [field, value, …]], …]`.
enum RelayStreamReader {
    static func entries(_ reply: RedisReply) -> [(id: String, fields: [String: String])] {
        (reply.array ?? []).compactMap { item in
            guard let pair = item.array, pair.count == 2, let id = pair[0].string, let flat = pair[1].array else { return nil }
            var fields: [String: String] = [:]
            for i in stride(from: 0, to: flat.count - 1, by: 2) {
                if let k = flat[i].string, let v = flat[i + 1].string { fields[k] = v }
            }
            return (id, fields)
        }
    }

    /// Reads `feed:all` from its newest entry back until `resume` has all it
    /// needs (or the stream ends), a page at a time.
    static func resume(_ link: RedisLink, usersShards: [String], margin: TimeInterval, page: Int = 1_000) throws(RedisError) -> RelayResume {
        var resume = RelayResume(margin: margin)
        var end = "+"
        while true {
            let reply = try link.run { c throws(RedisError) in try c.command(["XREVRANGE", RelayKeys.all, end, "-", "COUNT", String(page)]) }
            try requireOK(reply, "XREVRANGE \(RelayKeys.all)")
            let entries = entries(reply)
            for e in entries { resume.add(id: e.id, fields: e.fields) }
            guard entries.count == page, let last = entries.last, !resume.isComplete(usersShards: usersShards) else { return resume }
            end = "(" + last.id
        }
    }
}
