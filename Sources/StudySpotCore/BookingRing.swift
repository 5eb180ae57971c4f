/// A fixed-capacity ring of the newest elements: appending past capacity
/// drops the oldest, so the feed's memory stays bounded however long the
/// console runs.
///
/// Stored in chunks of 256, oldest first. The console keeps the state it
/// last drew while it folds the next batch, so the ring is nearly always
/// shared when appended to: copy-on-write then copies only the newest chunk
/// and the list of chunks, not 10,000 records (which was most of a frame's
/// cost at 2,000 changes/s: Benchmarks/README.md).
public struct BookingRing<Element: Sendable>: Sendable {
    public let capacity: Int
    // Inlinable, so callers in other modules get code specialised to the
    // element type instead of generic calls per element.
    @usableFromInline var chunks: [[Element]] = []
    /// Elements at the front of `chunks[0]` already dropped.
    @usableFromInline var skip = 0
    @usableFromInline static var chunkSize: Int { 256 }

    public init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    @inlinable var stored: Int { chunks.isEmpty ? 0 : (chunks.count - 1) * Self.chunkSize + chunks[chunks.count - 1].count }
    @inlinable public var count: Int { stored - skip }
    @inlinable public var isEmpty: Bool { count == 0 }

    @inlinable public mutating func append(_ e: Element) {
        if chunks.isEmpty || chunks[chunks.count - 1].count == Self.chunkSize {
            var fresh: [Element] = []
            fresh.reserveCapacity(Self.chunkSize)
            chunks.append(fresh)
        }
        chunks[chunks.count - 1].append(e)
        if count > capacity {
            skip += 1
            if skip == Self.chunkSize { chunks.removeFirst(); skip = 0 }
        }
    }

    @inlinable public mutating func append<S: Sequence>(contentsOf s: S) where S.Element == Element {
        for e in s { append(e) }
    }

    /// The i-th newest element (0 = newest).
    @inlinable public func newest(_ i: Int) -> Element {
        precondition(i >= 0 && i < count)
        let p = stored - 1 - i
        return chunks[p / Self.chunkSize][p % Self.chunkSize]
    }

    /// Every element, newest first.
    public var newestFirst: [Element] { (0..<count).map { newest($0) } }

    /// Replaces elements in place (used to refresh names); order is kept.
    public mutating func updateAll(_ body: (inout Element) -> Void) {
        for c in chunks.indices {
            for i in chunks[c].indices where c > 0 || i >= skip { body(&chunks[c][i]) }
        }
    }
}

/// Equal when the stored chunks are: chunks shared between two copies (all
/// but the newest after an append) compare by identity, so comparing the
/// state the console drew with the next one stays cheap.
extension BookingRing: Equatable where Element: Equatable {}
