import Foundation
import Testing
import StudySpotTestSupport
@testable import TOMLParser

/// Every committed fuzz input for the toml target, replayed: none may trap.
@Suite struct FuzzRegressionTomlTests {
    @Test func committedCorpusAndCrashesReplayWithoutATrap() {
        let texts = FuzzCorpus.texts("toml")
        #expect(texts.count > 10, "the committed corpus is missing")
        for text in texts {
            _ = try? TOML.parse(text)
        }
    }
}
