import Foundation
@testable import StudySpotWire
import Testing
import StudySpotTestSupport

/// Every committed fuzz input for the info target, replayed: none may trap.
@Suite struct FuzzRegressionInfoTests {
    @Test func committedCorpusAndCrashesReplayWithoutATrap() {
        let texts = FuzzCorpus.texts("info")
        #expect(texts.count > 10, "the committed corpus is missing")
        for text in texts {
            let info = RedisInfo(parsing: text); _ = (info.hitRate, info.commandCalls, info.keysPerDatabase)
            // The monitors' byte-level parser must not trap, and keeps only what the full one found.
            let kept = RedisInfo(parsing: text, keeping: RedisInfo.monitorFields)
            #expect(RedisInfo.monitorFields.allSatisfy { kept.value($0) == nil || info.value($0) != nil })
        }
    }
}
