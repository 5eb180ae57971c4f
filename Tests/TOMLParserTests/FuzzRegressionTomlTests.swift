import Foundation
import Testing
import StudySpotTestSupport
@testable import TOMLParser

/// Every committed fuzz input for the toml target, replayed: none may trap.
@Suite struct FuzzRegressionTomlTests {
    @Test func committedCorpusAndCrashesReplayWithoutATrap() {
        let inputs = FuzzCorpus.inputs("toml")
        #expect(inputs.count > 10, "the committed corpus is missing")
        for data in inputs {
            let text = String(decoding: data, as: UTF8.self)
            _ = try? TOML.parse(text)
        }
    }
}
