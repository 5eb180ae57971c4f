/// Booking ids with one byte each (a status, a minute), 5 bytes an id: ids
/// as their low 32 bits, ascending, in blocks of one high half (nearly always
/// a single block), beside a parallel array of bytes. A dictionary of the
/// same ids held 20–40 bytes each; both of its users hold tens of thousands
/// at 10x (today's tally, the charts' ids seen this hour: Benchmarks/README.md,
/// the footprint's heap section and "the soak").
struct IdByteTable: Sendable {
    /// The ids whose high 32 bits are `high`: `lows` ascending, `bytes[i]` `lows[i]`'s byte.
    struct Block: Sendable {
        let high: Int64
        private(set) var lows: [UInt32] = []
        private(set) var bytes: [UInt8] = []

        init(high: Int64, capacity: Int = 0) {
            self.high = high
            lows.reserveCapacity(capacity)
            bytes.reserveCapacity(capacity)
        }

        /// Sets `low`'s byte; returns the byte it replaced, if any.
        mutating func set(_ low: UInt32, _ byte: UInt8) -> UInt8? {
            // New bookings carry the highest id so far: the common case appends.
            if let last = lows.last, low <= last {
                let i = lowerBound(low)
                if i < lows.count && lows[i] == low {
                    defer { bytes[i] = byte }
                    return bytes[i]
                }
                reserveRoom()
                lows.insert(low, at: i)
                bytes.insert(byte, at: i)
            } else {
                reserveRoom()
                lows.append(low)
                bytes.append(byte)
            }
            return nil
        }

        func get(_ low: UInt32) -> UInt8? {
            let i = lowerBound(low)
            return i < lows.count && lows[i] == low ? bytes[i] : nil
        }

        /// Keeps the ids whose byte `keep` accepts, in order.
        mutating func filter(_ keep: (UInt8) -> Bool) {
            var w = 0
            for r in lows.indices where keep(bytes[r]) {
                lows[w] = lows[r]; bytes[w] = bytes[r]; w += 1
            }
            lows.removeLast(lows.count - w)
            bytes.removeLast(bytes.count - w)
        }

        /// Grows by an eighth (at least 4,096) instead of doubling, so the
        /// slack stays small however many bookings come.
        private mutating func reserveRoom() {
            guard lows.count == lows.capacity || bytes.count == bytes.capacity else { return }
            let room = lows.count + max(4_096, lows.count / 8)
            lows.reserveCapacity(room)
            bytes.reserveCapacity(room)
        }

        private func lowerBound(_ low: UInt32) -> Int {
            var lo = 0, hi = lows.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if lows[mid] < low { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
    }

    /// Ascending by `high`.
    private(set) var blocks: [Block] = []

    var count: Int { blocks.reduce(0) { $0 + $1.lows.count } }

    static func split(_ id: Int64) -> (high: Int64, low: UInt32) { (id >> 32, UInt32(truncatingIfNeeded: id)) }

    /// Where the block for `high` is, or would go.
    private func position(_ high: Int64) -> (index: Int, found: Bool) {
        if let last = blocks.indices.last, blocks[last].high == high { return (last, true) }
        var lo = 0, hi = blocks.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if blocks[mid].high < high { lo = mid + 1 } else { hi = mid }
        }
        return (lo, lo < blocks.count && blocks[lo].high == high)
    }

    /// The index of the block for `high`, made (with room for `capacity` ids) when missing.
    mutating func block(_ high: Int64, capacity: Int = 0) -> Int {
        let p = position(high)
        if !p.found { blocks.insert(Block(high: high, capacity: capacity), at: p.index) }
        return p.index
    }

    /// Sets `id`'s byte; returns the byte it replaced, if any.
    @discardableResult
    mutating func set(_ id: Int64, _ byte: UInt8) -> UInt8? {
        let (high, low) = Self.split(id)
        return blocks[block(high)].set(low, byte)
    }

    /// Sets a byte in block `b` (from `block(_:capacity:)`): loading ascending ids, one lookup per run of a high half.
    mutating func set(low: UInt32, _ byte: UInt8, inBlock b: Int) -> UInt8? {
        blocks[b].set(low, byte)
    }

    func get(_ id: Int64) -> UInt8? {
        let (high, low) = Self.split(id)
        let p = position(high)
        return p.found ? blocks[p.index].get(low) : nil
    }

    /// Keeps the ids whose byte `keep` accepts; empty blocks go.
    mutating func filter(_ keep: (UInt8) -> Bool) {
        for b in blocks.indices { blocks[b].filter(keep) }
        blocks.removeAll { $0.lows.isEmpty }
    }
}
