import Foundation

/// What is wrong with one booking row, as a set of bits (cheap per row).
public struct BookingFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let endsBeforeStarts = BookingFlags(rawValue: 1)
    public static let unknownLibrary = BookingFlags(rawValue: 2)
    public static let unknownSeat = BookingFlags(rawValue: 4)
    public static let negativeAmount = BookingFlags(rawValue: 8)
    public static let ownerMismatch = BookingFlags(rawValue: 16)

    static let kinds: [(BookingFlags, DataProblemKind)] = [
        (.endsBeforeStarts, .endsBeforeStarts), (.unknownLibrary, .unknownLibrary),
        (.unknownSeat, .unknownSeat), (.negativeAmount, .negativeAmount), (.ownerMismatch, .ownerMismatch),
    ]

    /// The problem kinds, in `DataProblemKind` order.
    public var kinds: [DataProblemKind] { BookingFlags.kinds.filter { contains($0.0) }.map(\.1) }

    /// "ends before start, negative amount" for a row marker or the detail view.
    public var text: String { kinds.map(\.short).joined(separator: ", ") }
}

public enum BookingChecks {
    /// A booking's problems. Library and seat are judged only when the
    /// catalog was asked (`catalogMatch`), so a catalog outage flags nothing.
    @inlinable
    public static func flags(_ r: BookingRecord) -> BookingFlags {
        var f: BookingFlags = []
        if r.endsAt < r.startsAt { f.insert(.endsBeforeStarts) }
        if r.amountPaise < 0 { f.insert(.negativeAmount) }
        switch r.catalogMatch {
        case .libraryMissing: f.insert(.unknownLibrary)
        case .seatMissing: f.insert(.unknownSeat)
        case .ownerMismatch: f.insert(.ownerMismatch)
        case .unchecked, .found: break
        }
        return f
    }

    /// One `DataProblem` per flag of the row: place = shard, detail = "#id".
    public static func problems(_ r: BookingRecord, _ f: BookingFlags? = nil) -> [DataProblem] {
        (f ?? flags(r)).kinds.map { kind in
            var detail = "#\(r.id)"
            switch kind {
            case .unknownLibrary: detail += " library \(r.libraryId)"
            case .unknownSeat: detail += " seat \(r.seatId)"
            case .negativeAmount: detail += " \(r.amountText)"
            case .ownerMismatch: detail += " owner \(r.ownerId), library \(r.libraryId)"
            default: break
            }
            return DataProblem(kind, place: r.shard, detail: detail)
        }
    }
}

/// The feed's flagged bookings, kept up to date change by change: each
/// booking counts once, by its newest version, and drops out when a later
/// change is clean. Bounded, so a flood of bad rows cannot grow it forever.
public struct BookingProblemTally: Sendable, Equatable {
    public static let limit = 10_000
    struct Key: Hashable, Sendable { var shard: String; var id: Int64 }
    struct Entry: Sendable { var flags: BookingFlags; var record: BookingRecord; var seq: Int }
    private var flagged: [Key: Entry] = [:]
    /// When each flagged booking was (last) flagged, oldest first from `head`;
    /// an item whose seq no longer matches its entry is stale and skipped.
    private var order: [(key: Key, seq: Int)] = []
    private var head = 0
    private var nextSeq = 0
    private var counts: [DataProblemKind: Int] = [:]
    /// Bumped on every change of what is flagged.
    public private(set) var revision = 0

    public init() {}

    public static func == (a: BookingProblemTally, b: BookingProblemTally) -> Bool { a.revision == b.revision && a.flagged.count == b.flagged.count }

    public var isEmpty: Bool { flagged.isEmpty }
    /// Flagged bookings.
    public var count: Int { flagged.count }

    /// The flags of a booking as last seen (empty when clean or unknown).
    public func flags(shard: String, id: Int64) -> BookingFlags { flagged[Key(shard: shard, id: id)]?.flags ?? [] }

    /// Folds changes in (oldest first).
    public mutating func record<S: Sequence>(_ changes: S) where S.Element == BookingRecord {
        var changed = false
        for r in changes {
            let f = BookingChecks.flags(r)
            // The common case, a clean row and nothing flagged, costs no hashing.
            if f.isEmpty && flagged.isEmpty { continue }
            let key = Key(shard: r.shard, id: r.id)
            if let old = flagged[key] {
                if old.flags == f { flagged[key]!.record = r; continue }
                remove(key)
            } else if f.isEmpty {
                continue
            }
            changed = true
            guard !f.isEmpty else { continue }
            flagged[key] = Entry(flags: f, record: r, seq: nextSeq)
            order.append((key, nextSeq))
            nextSeq += 1
            for (flag, kind) in BookingFlags.kinds where f.contains(flag) { counts[kind, default: 0] += 1 }
        }
        // Oldest first out when over the limit (amortised O(1): a moving head).
        while flagged.count > BookingProblemTally.limit, head < order.count {
            let item = order[head]
            head += 1
            if flagged[item.key]?.seq == item.seq { remove(item.key); changed = true }
        }
        if head > 1_024 && head * 2 > order.count { order.removeFirst(head); head = 0 }
        if order.count - head > flagged.count * 2 + 64 {
            order = order[head...].filter { flagged[$0.key]?.seq == $0.seq }
            head = 0
        }
        if changed { revision &+= 1 }
    }

    private mutating func remove(_ key: Key) {
        guard let old = flagged.removeValue(forKey: key) else { return }
        for (flag, kind) in BookingFlags.kinds where old.flags.contains(flag) { counts[kind, default: 1] -= 1 }
    }

    /// The live order items, oldest first.
    private var live: [Entry] {
        order[head...].compactMap { item in flagged[item.key].flatMap { $0.seq == item.seq ? $0 : nil } }
    }

    /// Counts per kind with up to `keep` examples each (newest first), in `DataProblemKind` order.
    public func summaries(keep: Int = 3) -> [DataProblemSummary] {
        var out: [DataProblemKind: DataProblemSummary] = [:]
        for (k, n) in counts where n > 0 { out[k] = DataProblemSummary(kind: k, count: n, examples: []) }
        var wanted = out.count * keep
        var i = order.count - 1
        while i >= head && wanted > 0 {
            let item = order[i]
            i -= 1
            guard let e = flagged[item.key], e.seq == item.seq else { continue }
            for p in BookingChecks.problems(e.record, e.flags) where out[p.kind]!.examples.count < keep {
                out[p.kind]!.examples.append(p); wanted -= 1
            }
        }
        return DataProblemKind.allCases.compactMap { out[$0] }
    }

    /// Every flagged booking's problems, oldest first.
    public var problems: [DataProblem] { live.flatMap { BookingChecks.problems($0.record, $0.flags) } }
}
