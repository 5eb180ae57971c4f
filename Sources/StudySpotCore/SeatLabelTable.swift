/// One library's seat labels, packed for the catalog cache: the feed keeps
/// every library it has seen (at 10x, 500 libraries and 79,000 seats), and as
/// `[seat id: label]` dictionaries they were 3.5 MB of the console's steady
/// heap (Benchmarks/README.md, "Footprint: start-up"). Here a seat
/// costs its label's bytes, 4 bytes of offset and, unless the library's seat
/// ids are one run (the usual case), 8 bytes of id.
public struct SeatLabelTable: Sendable, Equatable {
    /// Sorted seat ids; empty when they are `firstId ..< firstId + count`.
    private var ids: [Int64] = []
    private var firstId: Int64 = 0
    /// `labels[i]` is `bytes[ends[i-1] ..< ends[i]]` (UTF-8).
    private var ends: [UInt32] = []
    private var bytes: [UInt8] = []

    public static let empty = SeatLabelTable()

    public init() {}

    /// From (seat, label) pairs in any order; of two labels for one seat the first is kept.
    public init<S: Sequence>(_ pairs: S) where S.Element == (seat: Int64, label: String) {
        var sorted = Array(pairs)
        guard !sorted.isEmpty else { return }
        // Stable, so the first of a duplicated seat stays first.
        sorted = sorted.enumerated().sorted { ($0.element.seat, $0.offset) < ($1.element.seat, $1.offset) }.map(\.element)
        var kept: [(seat: Int64, label: String)] = []
        kept.reserveCapacity(sorted.count)
        for p in sorted where kept.last?.seat != p.seat { kept.append(p) }
        let contiguous = kept.last!.seat - kept.first!.seat == Int64(kept.count - 1)
        firstId = kept.first!.seat
        if !contiguous { ids = kept.map(\.seat) }
        ends.reserveCapacity(kept.count)
        bytes.reserveCapacity(kept.reduce(0) { $0 + $1.label.utf8.count })
        for p in kept {
            bytes.append(contentsOf: p.label.utf8)
            ends.append(UInt32(bytes.count))
        }
    }

    public var count: Int { ends.count }

    public subscript(seat: Int64) -> String? {
        guard let i = index(of: seat) else { return nil }
        let start = i == 0 ? 0 : Int(ends[i - 1])
        return bytes.withUnsafeBufferPointer { String(decoding: $0[start..<Int(ends[i])], as: UTF8.self) }
    }

    private func index(of seat: Int64) -> Int? {
        if ids.isEmpty {
            let i = seat &- firstId
            return i >= 0 && i < Int64(ends.count) ? Int(i) : nil
        }
        var lo = 0, hi = ids.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ids[mid] < seat { lo = mid + 1 } else { hi = mid }
        }
        return lo < ids.count && ids[lo] == seat ? lo : nil
    }
}
