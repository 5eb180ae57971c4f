import StudySpotCore
import Testing

@Suite struct SeatLabelTableTests {
    @Test func aRunOfIdsAndScatteredIdsFindEveryLabelAndNothingElse() {
        let run = (0..<158).map { (seat: Int64(5_000 + $0), label: "R\($0)") }.shuffled()
        let scattered: [(seat: Int64, label: String)] = [(90, "ज्ञान-1"), (7, "A01"), (1_000_000_000_007, "B"), (-3, "")]
        for pairs in [run, scattered] {
            let t = SeatLabelTable(pairs)
            #expect(t.count == pairs.count)
            for p in pairs { #expect(t[p.seat] == p.label) }
            let known = Set(pairs.map(\.seat))
            for probe in [Int64.min, -4, 0, 4_999, 5_158, 91, Int64.max] where !known.contains(probe) {
                #expect(t[probe] == nil)
            }
        }
    }

    @Test func theFirstLabelOfADuplicatedSeatWins() {
        let t = SeatLabelTable([(seat: 2, label: "first"), (seat: 1, label: "one"), (seat: 2, label: "second")])
        #expect(t.count == 2)
        #expect(t[2] == "first")
        #expect(t[1] == "one")
    }

    @Test func emptyFindsNothing() {
        #expect(SeatLabelTable.empty[0] == nil)
        #expect(SeatLabelTable([]).count == 0)
    }
}
