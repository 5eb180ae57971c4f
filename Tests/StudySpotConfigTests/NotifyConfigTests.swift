import Testing
import StudySpotCore
@testable import StudySpotConfig

/// `[notify]`: bell on by default, desktop escape off; bad values named with file, line and key.
struct NotifyConfigTests {
    static let instance = """
        [[instance]]
        name = "solo"
        provider = "railway"
        url = "http://127.0.0.1:9000"

        """

    @Test func defaultsRingTheBellAndSendNoEscape() throws {
        let config = try ConfigLoader.parse(text: Self.instance, file: "c.toml", environment: [:]).get()
        #expect(config.notify == NotifySettings(bell: true, desktop: .off))
        #expect(ConfigDefaults.config.notify == NotifySettings())
    }

    @Test func eachKeyIsRead() throws {
        let a = try ConfigLoader.parse(text: Self.instance + "[notify]\nbell = false\ndesktop = \"osc777\"\n", file: "c.toml", environment: [:]).get()
        #expect(a.notify == NotifySettings(bell: false, desktop: .osc777))
        // A key left out keeps its default.
        let b = try ConfigLoader.parse(text: Self.instance + "[notify]\ndesktop = \"osc9\"\n", file: "c.toml", environment: [:]).get()
        #expect(b.notify == NotifySettings(bell: true, desktop: .osc9))
    }

    @Test func configShowPrintsItAndReadsItBack() throws {
        let a = try ConfigLoader.parse(text: Self.instance + "[notify]\nbell = false\ndesktop = \"osc9\"\n", file: "c.toml", environment: [:]).get()
        let shown = ConfigWriter.renderEffective(a)
        #expect(shown.contains("[notify]\nbell = false\ndesktop = \"osc9\"\n"))
        #expect(try ConfigLoader.parse(text: shown, file: "shown.toml", environment: [:]).get().notify == a.notify)
    }

    @Test(arguments: [
        ("[notify]\nbell = \"yes\"\n", "c.toml:6: notify.bell: expected boolean, found string"),
        ("[notify]\ndesktop = \"osc99\"\n", "c.toml:6: notify.desktop: unknown desktop notification \"osc99\"; did you mean \"osc9\"?"),
        ("[notify]\ndesktop = \"growl\"\n", "c.toml:6: notify.desktop: unknown desktop notification \"growl\"; expected one of off, osc9, osc777"),
        ("[notify]\nbel = true\n", "c.toml:6: notify.bel: unknown key \"bel\"; did you mean \"bell\"?"),
        ("notify = true\n", "c.toml:1: notify: expected table ([notify]), found boolean"),
    ])
    func badValuesAreNamedWithTheirLine(_ section: String, _ expected: String) {
        // A bare key goes before the first table, or it would be the instance's.
        let text = section.hasPrefix("[") ? Self.instance + section : section + Self.instance
        switch ConfigLoader.parse(text: text, file: "c.toml", environment: [:]) {
        case .success: Issue.record("accepted: \(section)")
        case .failure(let e): #expect(e.problems.map(\.description).contains(expected), "\(e.description)")
        }
    }
}
