import Foundation
import Testing
@testable import StudySpotCore

/// The search's match and the tables' text order without ICU, checked
/// against Foundation's localized methods (ICU; fine in tests) on the texts
/// the console shows.
@Suite("Text compare: search and sort without Foundation's localized methods")
struct TextCompareTests {
    static let texts = ["Central Library", "central library", "CENTRAL", "shard-2", "shard-10", "shard-1", "neon", "Neon-EU",
                        "render-1", "render-12", "render-3", "a", "B", "b2", "b10", "Zürich Stadtbibliothek", "zürich",
                        "library 7 seat 12", "library 7 seat 2", "upstash", "redis-cloud", "x", ""]

    @Test("Case-insensitive containment agrees with localizedCaseInsensitiveContains")
    func contains() {
        let queries = ["lib", "LIB", "central", "shard-1", "ZÜR", "zür", "seat 1", "-", "eu", "q"]
        for t in Self.texts {
            for q in queries {
                #expect(TextCompare.containsIgnoringCase(t, q) == t.localizedCaseInsensitiveContains(q), "\(t) ∋ \(q)")
            }
        }
        #expect(TextCompare.containsIgnoringCase("anything", ""))
        #expect(!TextCompare.containsIgnoringCase("ab", "abc"))
    }

    @Test("The order agrees with localizedStandardCompare where that tells texts apart by more than case")
    func order() {
        for a in Self.texts {
            for b in Self.texts where a.lowercased() != b.lowercased() {
                let expected = a.localizedStandardCompare(b) == .orderedAscending
                #expect(TextCompare.standardLess(a, b) == expected, "\(a) < \(b)")
            }
        }
        #expect(TextCompare.standardLess("shard-2", "shard-10") && !TextCompare.standardLess("shard-10", "shard-2"))
        #expect(TextCompare.standardLess("x007", "x8") && !TextCompare.standardLess("x8", "x007"))
        // A total order: exactly one of a < b, b < a, a == b.
        for a in Self.texts { for b in Self.texts {
            let n = [TextCompare.standardLess(a, b), TextCompare.standardLess(b, a), a == b].filter { $0 }.count
            #expect(n == 1, "\(a), \(b)")
        } }
    }
}
