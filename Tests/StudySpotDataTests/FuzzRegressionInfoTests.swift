import Foundation
import Testing
import StudySpotTestSupport
@testable import StudySpotData

/// Every committed fuzz input for the info target, replayed: none may trap.
@Suite struct FuzzRegressionInfoTests {
    @Test func committedCorpusAndCrashesReplayWithoutATrap() {
        let texts = FuzzCorpus.texts("info")
        #expect(texts.count > 10, "the committed corpus is missing")
        for text in texts {
            let info = RedisInfo(parsing: text); _ = (info.hitRate, info.commandCalls, info.keysPerDatabase)
        }
    }
}
