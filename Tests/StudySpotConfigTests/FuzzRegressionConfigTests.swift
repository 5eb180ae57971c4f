import Foundation
import Testing
import StudySpotTestSupport
@testable import StudySpotConfig

/// Every committed fuzz input for the config target, replayed: none may trap.
@Suite struct FuzzRegressionConfigTests {
    @Test func committedCorpusAndCrashesReplayWithoutATrap() {
        let texts = FuzzCorpus.texts("config")
        #expect(texts.count > 10, "the committed corpus is missing")
        for text in texts {
            _ = ConfigLoader.check(text: text, file: "fuzz.toml", environment: ["HOME": "/tmp"])
        }
    }
}
