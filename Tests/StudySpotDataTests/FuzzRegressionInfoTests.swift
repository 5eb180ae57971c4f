import Foundation
import Testing
import StudySpotTestSupport
@testable import StudySpotData

/// Every committed fuzz input for the info target, replayed: none may trap.
@Suite struct FuzzRegressionInfoTests {
    @Test func committedCorpusAndCrashesReplayWithoutATrap() {
        let inputs = FuzzCorpus.inputs("info")
        #expect(inputs.count > 10, "the committed corpus is missing")
        for data in inputs {
            let text = String(decoding: data, as: UTF8.self)
            let info = RedisInfo(parsing: text); _ = (info.hitRate, info.commandCalls, info.keysPerDatabase)
        }
    }
}
