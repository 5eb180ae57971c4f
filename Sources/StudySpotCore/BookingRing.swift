/// A fixed-capacity ring buffer: appending past capacity drops the oldest,
/// so the feed's memory stays bounded however long the console runs.
public struct BookingRing<Element: Sendable>: Sendable {
    public let capacity: Int
    private var storage: [Element] = []
    private var head = 0 // index of the oldest element once full

    public init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
        storage.reserveCapacity(Swift.min(capacity, 1024))
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }

    public mutating func append(_ e: Element) {
        if storage.count < capacity { storage.append(e); return }
        storage[head] = e
        head = (head + 1) % capacity
    }

    public mutating func append<S: Sequence>(contentsOf s: S) where S.Element == Element {
        for e in s { append(e) }
    }

    /// The i-th newest element (0 = newest).
    public func newest(_ i: Int) -> Element {
        precondition(i >= 0 && i < storage.count)
        let n = storage.count
        let newestIndex = (head + n - 1) % n
        return storage[(newestIndex - i + n) % n]
    }

    /// Every element, newest first.
    public var newestFirst: [Element] { (0..<count).map { newest($0) } }

    /// Replaces elements in place (used to refresh names); order is kept.
    public mutating func updateAll(_ body: (inout Element) -> Void) {
        for i in storage.indices { body(&storage[i]) }
    }
}
