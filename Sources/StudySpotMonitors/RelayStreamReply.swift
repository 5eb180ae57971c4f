import Foundation
import StudySpotCore
import StudySpotWire

/// One stream entry as Redis returns it: its id and its fields.
public struct RelayStreamEntry: Sendable, Equatable {
    public var id: RelayStreamID
    public var fields: [String: String]
    public init(id: RelayStreamID, fields: [String: String]) { self.id = id; self.fields = fields }
}

/// A stream id, `ms-seq`: the relay's append time in milliseconds and a
/// sequence within it. Ordered as Redis orders them.
public struct RelayStreamID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var ms: UInt64
    public var seq: UInt64
    public init(ms: UInt64, seq: UInt64) { self.ms = ms; self.seq = seq }

    /// Parses `1712345678901-3`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let ms = UInt64(parts[0]), let seq = UInt64(parts[1]) else { return nil }
        self.ms = ms; self.seq = seq
    }

    /// The first id appended at or after `date`.
    public init(atOrAfter date: Date) {
        ms = UInt64(max(0, (date.timeIntervalSince1970 * 1000).rounded(.up))); seq = 0
    }

    public static let zero = RelayStreamID(ms: 0, seq: 0)
    public var description: String { "\(ms)-\(seq)" }
    /// When the relay appended it.
    public var appendedAt: Date { Date(timeIntervalSince1970: Double(ms) / 1000) }
    public static func < (a: Self, b: Self) -> Bool { (a.ms, a.seq) < (b.ms, b.seq) }
}

/// Reading stream replies: XRANGE / XREVRANGE return entries, XREAD returns
/// them per stream key (null when BLOCK timed out).
public enum RelayStreamReply {
    public struct Malformed: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// `[[id, [field, value, …]], …]`. An entry whose id is not a stream id
    /// means the key is not a stream the relay wrote: an error, not a guess.
    public static func entries(_ reply: RedisReply) throws(Malformed) -> [RelayStreamEntry] {
        if case .error(let e) = reply { throw Malformed(description: e) }
        if reply.isNull { return [] }
        guard let items = reply.array else { throw Malformed(description: "not a list of stream entries") }
        var out: [RelayStreamEntry] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard let pair = item.array, pair.count == 2, let idText = pair[0].string, let id = RelayStreamID(idText) else {
                throw Malformed(description: "not a stream entry: \(String(describing: item).prefix(80))")
            }
            var fields: [String: String] = [:]
            // A deleted entry's fields come back as null: an entry with no fields.
            let flat = pair[1].array ?? []
            var i = 0
            while i + 1 < flat.count {
                if let k = flat[i].string, let v = flat[i + 1].string { fields[k] = v }
                i += 2
            }
            out.append(RelayStreamEntry(id: id, fields: fields))
        }
        return out
    }

    /// XREAD's reply for one key: `[[key, entries]]`, or null (nothing new before BLOCK ran out).
    public static func read(_ reply: RedisReply) throws(Malformed) -> [RelayStreamEntry] {
        if case .error(let e) = reply { throw Malformed(description: e) }
        if reply.isNull { return [] }
        guard let streams = reply.array else { throw Malformed(description: "not an XREAD reply") }
        var out: [RelayStreamEntry] = []
        for s in streams {
            guard let pair = s.array, pair.count == 2 else { throw Malformed(description: "not an XREAD stream") }
            out += try entries(pair[1])
        }
        return out
    }
}
