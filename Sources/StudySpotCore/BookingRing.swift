/// A fixed-capacity ring buffer: appending past capacity drops the oldest,
/// so the feed's memory stays bounded however long the console runs.
///
/// Stored in chunks of at most 256 elements (all full but the newest), so a
/// copy of the state — the UI loop keeps the last drawn one — shares every
/// chunk, and appending to a shared ring copies one chunk, not the whole ring.
/// The soak (scripts/soak.sh, issue 8) found the single-array version copying
/// all 10,000 records (~1.2 MB) on every feed batch at 200 changes/s.
public struct BookingRing<Element: Sendable>: Sendable {
    public let capacity: Int
    private let chunkSize: Int
    private var chunks: [[Element]] = []
    /// Elements already dropped from the front of the oldest chunk.
    private var head = 0
    public private(set) var count = 0

    public init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
        chunkSize = Swift.min(capacity, 256)
    }

    public var isEmpty: Bool { count == 0 }

    public mutating func append(_ e: Element) {
        if chunks.isEmpty || chunks[chunks.count - 1].count == chunkSize {
            var fresh: [Element] = []
            fresh.reserveCapacity(chunkSize)
            chunks.append(fresh)
        }
        chunks[chunks.count - 1].append(e)
        count += 1
        if count > capacity {
            head += 1
            count -= 1
            if head == chunkSize {
                chunks.removeFirst()
                head = 0
            }
        }
    }

    public mutating func append<S: Sequence>(contentsOf s: S) where S.Element == Element {
        for e in s { append(e) }
    }

    /// The i-th newest element (0 = newest).
    public func newest(_ i: Int) -> Element {
        precondition(i >= 0 && i < count)
        // Every chunk but the newest is full, so positions map by division.
        let at = head + count - 1 - i
        return chunks[at / chunkSize][at % chunkSize]
    }

    /// Every element, newest first.
    public var newestFirst: [Element] { (0..<count).map { newest($0) } }

    /// Replaces elements in place (used to refresh names); order is kept.
    public mutating func updateAll(_ body: (inout Element) -> Void) {
        for c in chunks.indices {
            for i in (c == 0 ? head : 0)..<chunks[c].count { body(&chunks[c][i]) }
        }
    }
}
