import Testing
@testable import StudySpotCore

/// The chunked feed ring (found by the soak) against a plain array.
@Suite("Feed ring: chunked, bounded, a copy stays as it was")
struct BookingRingChunkTests {
    @Test(arguments: [1, 3, 255, 256, 257, 1_000, 10_000])
    func keepsTheNewestLikeAnArray(_ capacity: Int) {
        var ring = BookingRing<Int>(capacity: capacity)
        var model: [Int] = []
        var next = 0
        for batch in 0..<120 {
            let n = (batch * 37) % 300
            ring.append(contentsOf: next..<(next + n))
            model += Array(next..<(next + n))
            next += n
            if model.count > capacity { model.removeFirst(model.count - capacity) }
            #expect(ring.count == model.count)
            if let last = model.last { #expect(ring.newest(0) == last) }
        }
        #expect(ring.newestFirst == model.reversed())
        ring.updateAll { $0 = -$0 }
        #expect(ring.newestFirst == model.reversed().map { -$0 })
    }

    @Test func aCopyIsNotChangedByAppendsToTheOriginal() {
        var ring = BookingRing<Int>(capacity: 1_000)
        ring.append(contentsOf: 0..<1_500)
        let copy = ring
        ring.append(contentsOf: 1_500..<1_700)
        ring.updateAll { $0 += 1 }
        #expect(copy.count == 1_000 && copy.newest(0) == 1_499 && copy.newest(999) == 500)
        #expect(ring.count == 1_000 && ring.newest(0) == 1_700 && ring.newest(999) == 701)
    }
}
