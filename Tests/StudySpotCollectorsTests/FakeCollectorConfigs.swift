import Foundation
import StudySpotCore
import StudySpotTestSupport
@testable import StudySpotCollectors

/// How each collector is configured against `scripts/fake_providers`: the
/// identifiers its module expects and the credential it accepts. One line
/// per provider; `CollectorFaultTests` runs every fault against each.
enum FakeCollectorConfigs {
    static func config(_ provider: String, fake: FakeProviders, token: String? = nil) -> CollectorConfig {
        var c = CollectorConfig(provider: provider, token: token ?? FakeProviders.token(for: provider), apiURL: fake.url)
        switch provider {
        case "netlify": c.account = "studyspot"
        case "upstash": c.user = "ops@studyspot.test"; c.ids = ["database_id": "96ad0856-03b1-4ee7-9666-e81abd0349e1"]
        case "cloudinary": c.user = "fake-cloudinary-key"; c.ids = ["cloud_name": "studyspot"]
        case "neon": c.ids = ["project_id": "wispy-wind-123456"]
        case "turso": c.ids = ["org": "studyspot"]
        case "cloudflare-pages", "cloudflare-r2": c.ids["account_id"] = "023e105f4ecef8ad9ca31a8372d0c353"
        case "vercel": c.ids["team_id"] = "team_studyspot"
        case "mailgun": c.ids["domain"] = "mg.studyspot.example"
        case "sentry": c.ids["org"] = "studyspot"
        case "twilio": c.user = "AC0123456789abcdef0123456789abcdef"
        default: break
        }
        return c
    }

    /// The API a collector gets from the runner, made the same way.
    static func api(_ type: any UsageCollector.Type, _ c: CollectorConfig, timeout: Double = 3) -> ProviderAPI {
        let a = CollectorAuth.api(for: type, config: c, timeout: timeout)
        a.backoff = 0.01
        return a
    }
}
