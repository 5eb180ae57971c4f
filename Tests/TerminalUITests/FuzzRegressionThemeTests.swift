import Foundation
import Testing
import StudySpotTestSupport
@testable import TerminalUI

/// Every committed fuzz input for the theme target, replayed: none may trap.
@Suite struct FuzzRegressionThemeTests {
    @Test func committedCorpusAndCrashesReplayWithoutATrap() {
        let inputs = FuzzCorpus.inputs("theme")
        #expect(inputs.count > 10, "the committed corpus is missing")
        for data in inputs {
            let text = String(decoding: data, as: UTF8.self)
            _ = try? ThemeLoader.parse(text, file: "fuzz.toml")
        }
    }
}
