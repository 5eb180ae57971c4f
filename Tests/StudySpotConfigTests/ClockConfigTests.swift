import Testing
import StudySpotCore
@testable import StudySpotConfig

/// `[console] clock_seconds`: the status bar shows minutes unless asked for seconds.
struct ClockConfigTests {
    @Test func minutesByDefaultSecondsWhenAsked() throws {
        let base = NotifyConfigTests.instance
        #expect(try ConfigLoader.parse(text: base, file: "c.toml", environment: [:]).get().console.clockSeconds == false)
        let on = try ConfigLoader.parse(text: base + "[console]\nclock_seconds = true\n", file: "c.toml", environment: [:]).get()
        #expect(on.console.clockSeconds)
        #expect(ConfigWriter.renderEffective(on).contains("clock_seconds = true"))
        guard case .failure(let e) = ConfigLoader.parse(text: base + "[console]\nclock_seconds = 1\n", file: "c.toml", environment: [:]) else {
            Issue.record("a number for clock_seconds was accepted"); return
        }
        #expect("\(e)".contains("c.toml:6: console.clock_seconds: expected boolean"))
    }
}
