import StudySpotCore

extension ConfigDecoder {
    static let notifyKeys = ["bell", "desktop"]

    /// `[notify]`: keys left out keep the defaults' values.
    mutating func decodeNotify(_ c: Context, base: NotifySettings) -> NotifySettings {
        rejectUnknownKeys(c, allowed: Self.notifyKeys)
        var n = base
        if let bell = boolean(c, "bell") { n.bell = bell }
        if let d = choice(c, "desktop", allowed: NotifySettings.Desktop.allCases.map(\.rawValue), what: "desktop notification"),
           let desktop = NotifySettings.Desktop(rawValue: d) {
            n.desktop = desktop
        }
        return n
    }
}
