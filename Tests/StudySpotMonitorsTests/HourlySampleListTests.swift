import Foundation
@testable import StudySpotMonitors
import StudySpotCore
import Testing

/// `UsageSampleReader` keeps each resource's samples as one array, oldest
/// first, one per hour: checked against the [hour: sample] dictionary it
/// replaced (the latest observed of each hour wins, an equal time replaces).
@Suite struct HourlySampleListTests {
    /// The dictionary the reader used to keep, sorted as `samples(key)` returned it.
    private func model(_ samples: [QuotaSample]) -> [QuotaSample] {
        var byHour: [Int: QuotaSample] = [:]
        for s in samples {
            let h = UsageSampleReader.hour(s.observedAt)
            if let old = byHour[h], old.observedAt > s.observedAt { continue }
            byHour[h] = s
        }
        return byHour.values.sorted { $0.observedAt < $1.observedAt }
    }

    @Test func anyOrderOfArrivalKeepsTheLatestOfEachHourOldestFirst() {
        var rng = SystemRandomNumberGenerator()
        let base = 1_765_000_000.0
        for round in 0..<300 {
            // In order (as the query sends them), then shuffled, then with a few late arrivals.
            var samples = (0..<Int.random(in: 0...120, using: &rng)).map { i in
                QuotaSample(used: Double(i), observedAt: Date(timeIntervalSince1970: base + Double.random(in: 0...(86_400 * 3), using: &rng).rounded()))
            }
            if round % 3 == 0 { samples.sort { $0.observedAt < $1.observedAt } }
            if round % 3 == 2 { samples += samples.prefix(5).map { QuotaSample(used: -$0.used, observedAt: $0.observedAt) } }
            var list: [QuotaSample] = []
            var kept = 0
            for s in samples where UsageSampleReader.keepLatestOfHour(s, in: &list) { kept += 1 }
            #expect(list == model(samples), "round \(round)")
            #expect(kept >= list.count)
            #expect(zip(list, list.dropFirst()).allSatisfy { UsageSampleReader.hour($0.observedAt) < UsageSampleReader.hour($1.observedAt) })
        }
    }

    @Test func anOlderSampleOfAnHourIsRefusedAnEqualOneReplaces() {
        let t = Date(timeIntervalSince1970: 1_765_000_000)
        var list: [QuotaSample] = []
        #expect(UsageSampleReader.keepLatestOfHour(QuotaSample(used: 1, observedAt: t), in: &list))
        #expect(!UsageSampleReader.keepLatestOfHour(QuotaSample(used: 2, observedAt: t.addingTimeInterval(-1)), in: &list))
        #expect(UsageSampleReader.keepLatestOfHour(QuotaSample(used: 3, observedAt: t), in: &list))
        #expect(list.map(\.used) == [3])
    }

    @Test func droppingOldHoursKeepsTheRestAndGivesBackSpareCapacity() {
        let base = 1_765_000_000.0
        var list: [QuotaSample] = []
        for i in 0..<200 { _ = UsageSampleReader.keepLatestOfHour(QuotaSample(used: Double(i), observedAt: Date(timeIntervalSince1970: base + Double(i) * 3_600)), in: &list) }
        let oldest = UsageSampleReader.hour(Date(timeIntervalSince1970: base + 50 * 3_600))
        UsageSampleReader.dropHours(before: oldest, from: &list)
        #expect(list.map(\.used) == (50..<200).map(Double.init))
        #expect(list.capacity <= list.count + list.count / 8 + 4)
        UsageSampleReader.dropHours(before: oldest + 1_000, from: &list)
        #expect(list.isEmpty)
    }
}
