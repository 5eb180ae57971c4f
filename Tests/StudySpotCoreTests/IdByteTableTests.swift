import Testing
@testable import StudySpotCore

@Suite("IdByteTable: ids with a byte each, in order, in blocks of one high half")
struct IdByteTableTests {
    @Test("Set, replace and read back, in and out of order, across high halves")
    func setAndGet() {
        var t = IdByteTable()
        let big: Int64 = 5 << 32 | 17
        #expect(t.set(10, 1) == nil)
        #expect(t.set(30, 3) == nil)
        #expect(t.set(20, 2) == nil, "out of order: inserted between")
        #expect(t.set(big, 9) == nil)
        #expect(t.set(-4, 4) == nil, "a negative id is a high half of its own")
        #expect(t.set(20, 7) == 2, "replaced, the old byte returned")
        #expect(t.get(10) == 1 && t.get(20) == 7 && t.get(30) == 3 && t.get(big) == 9 && t.get(-4) == 4)
        #expect(t.get(25) == nil && t.get(17) == nil && t.get(4 << 32 | 17) == nil)
        #expect(t.count == 5 && t.blocks.count == 3)
        #expect(t.blocks.map(\.high) == [-1, 0, 5], "blocks ascending by high half")
        #expect(t.blocks[1].lows == [10, 20, 30])
    }

    @Test("Filtering keeps order and drops emptied blocks")
    func filter() {
        var t = IdByteTable()
        for id in Int64(1)...Int64(9_000) { t.set(id, UInt8(id % 3)) }
        t.set(1 << 32, 0)
        t.filter { $0 != 0 }
        #expect(t.count == 6_000 && t.blocks.count == 1)
        #expect(t.get(3) == nil && t.get(4) == 1 && t.get(8_999) == 2 && t.get(1 << 32) == nil)
        #expect(t.blocks[0].lows == t.blocks[0].lows.sorted())
    }
}
