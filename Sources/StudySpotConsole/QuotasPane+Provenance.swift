import Foundation
import StudySpotCore

/// Where a gauge's figure came from and how old it is ("Netlify API · 6 min
/// ago"), and why its collector is failing ("401 token refused since 09:12"):
/// what makes a gauge honest about a figure that is stale or missing.
enum QuotaProvenanceText {
    /// "just now", "6 min ago", "3 h ago", "2 days ago" (a clock ahead reads "just now").
    static func age(_ seconds: Double) -> String {
        let s = seconds.isFinite ? max(0, Int(min(seconds, 1e12))) : 0
        if s < 60 { return "just now" }
        if s < 3_600 { return "\(s / 60) min ago" }
        if s < 2 * 86_400 { return "\(s / 3_600) h ago" }
        return "\(s / 86_400) days ago"
    }

    /// Providers whose name is not just capitalised.
    static let providerNames = [
        "uptimerobot": "UptimeRobot", "imagekit": "ImageKit", "cloudflare": "Cloudflare", "cloudflare-pages": "Cloudflare Pages",
        "cloudflare-r2": "Cloudflare R2", "postmark": "Postmark", "sendgrid": "SendGrid", "onesignal": "OneSignal",
        "posthog": "PostHog", "github-lfs": "GitHub LFS", "backblaze-b2": "Backblaze B2", "redis-cloud": "Redis Cloud",
    ]

    /// "Netlify", "UptimeRobot".
    static func providerName(_ p: String) -> String {
        providerNames[p] ?? (p.prefix(1).uppercased() + p.dropFirst())
    }

    /// "Netlify API", "simulation", "entered by hand", "platform metering".
    static func sourceName(_ s: UsageSource) -> String {
        switch s {
        case .platform: "platform metering"
        case .simulation: "simulation"
        case .manual: "entered by hand"
        case .api(let provider): providerName(provider) + " API"
        }
    }

    /// "Netlify API · 6 min ago", "entered by hand 2 days ago", "measured by
    /// the console", or nil when there is no figure at all.
    static func figure(_ g: QuotaGauge, now: Date) -> String? {
        guard let p = g.provenance else { return g.used == nil ? nil : "measured by the console" }
        let age = self.age(now.timeIntervalSince(p.observedAt))
        if case .manual = p.source { return "\(sourceName(p.source)) \(age)" }
        return "\(sourceName(p.source)) · \(age)"
    }

    /// The gauge list's short form, where a row has a few columns left:
    /// "API 6m", "sim 1m", "hand 2d", "meter 3m", "measured", or nil.
    static func short(_ g: QuotaGauge, now: Date) -> String? {
        guard let p = g.provenance else { return g.used == nil ? nil : "measured" }
        let s = max(0, now.timeIntervalSince(p.observedAt))
        let age = s < 60 ? "now" : s < 3_600 ? "\(Int(s / 60))m" : s < 2 * 86_400 ? "\(Int(s / 3_600))h" : "\(Int(min(s, 1e12) / 86_400))d"
        switch p.source {
        case .api: return "API \(age)"
        case .simulation: return "sim \(age)"
        case .manual: return "hand \(age)"
        case .platform: return "meter \(age)"
        }
    }

    /// What `snapshot --format json` writes as `source`: "api:netlify",
    /// "simulation", "manual", "platform", "measured", or nil without a figure.
    static func sourceLabel(_ g: QuotaGauge) -> String? {
        g.provenance.map(\.source.label) ?? (g.used == nil ? nil : "measured")
    }

    /// The collector's failure with times in the display zone, or nil while it succeeds.
    static func failure(_ g: QuotaGauge, now: Date, zone: ZoneOffsets) -> String? {
        g.collector?.failureText(now: now) { time($0, now: now, zone: zone) }
    }

    /// "09:12" on `now`'s day, "3 Dec 09:12" otherwise.
    static func time(_ d: Date, now: Date, zone: ZoneOffsets) -> String {
        let l = ClockText.local(d, zone)
        let hm = (l.hour < 10 ? "0" : "") + "\(l.hour):" + (l.minute < 10 ? "0" : "") + "\(l.minute)"
        if l.dayNumber == ClockText.local(now, zone).dayNumber { return hm }
        return "\(l.day) \(ClockText.months[l.month - 1]) \(hm)"
    }

    /// "limit from the API: 300 credits" when the API's differs from the configured one.
    static func apiLimit(_ g: QuotaGauge) -> String? {
        guard let api = g.provenance?.apiLimit else { return nil }
        if let l = g.entry.limit, !QuotaText.disagree(l, api) { return nil }
        return "API says limit \(QuotaText.amount(api)) \(g.entry.unit)"
    }
}
