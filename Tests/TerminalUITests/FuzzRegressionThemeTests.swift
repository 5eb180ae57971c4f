import Foundation
import Testing
import StudySpotTestSupport
@testable import TerminalUI

/// Every committed fuzz input for the theme target, replayed: none may trap.
@Suite struct FuzzRegressionThemeTests {
    @Test func committedCorpusAndCrashesReplayWithoutATrap() {
        let texts = FuzzCorpus.texts("theme")
        #expect(texts.count > 10, "the committed corpus is missing")
        for text in texts {
            _ = try? ThemeLoader.parse(text, file: "fuzz.toml")
        }
    }
}
