import Foundation
import Testing
import StudySpotTestSupport
@testable import StudySpotConfig

/// Every committed fuzz input for the config target, replayed: none may trap.
@Suite struct FuzzRegressionConfigTests {
    @Test func committedCorpusAndCrashesReplayWithoutATrap() {
        let inputs = FuzzCorpus.inputs("config")
        #expect(inputs.count > 10, "the committed corpus is missing")
        for data in inputs {
            let text = String(decoding: data, as: UTF8.self)
            _ = ConfigLoader.check(text: text, file: "fuzz.toml", environment: ["HOME": "/tmp"])
        }
    }
}
