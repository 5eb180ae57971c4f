import StudySpotCore
import Testing
@testable import StudySpotConfig

struct CatalogTests {
    /// Every provider the scaling plan names, by category.
    static let planProviders: [QuotaCategory: [String]] = [
        .frontend: ["vercel", "cloudflare-pages", "netlify", "render", "fleek"],
        .compute: ["railway", "render", "fly", "koyeb"],
        .database: ["neon", "supabase", "planetscale", "xata", "turso"],
        .cache: ["upstash", "railway", "redis-cloud"],
        .storage: ["cloudinary", "imagekit", "backblaze-b2", "cloudflare-r2", "bunny", "github-lfs"],
        .email: ["resend", "sendgrid", "mailgun", "brevo", "postmark", "elastic-email", "mailersend"],
        .sms: ["twilio", "vonage", "messagebird", "msg91"],
        .push: ["onesignal", "fcm"],
        .auth: ["supabase-auth"],
        .monitoring: ["sentry", "posthog", "uptimerobot"],
    ]

    @Test func catalogParsesWithoutProblems() {
        #expect(QuotaCatalog.problems.map(\.description) == [])
        #expect(QuotaCatalog.entries.count >= 40)
    }

    @Test(arguments: QuotaCategory.allCases)
    func everyPlanProviderIsInItsCategory(_ category: QuotaCategory) {
        for provider in Self.planProviders[category] ?? [] {
            let entries = QuotaCatalog.entries.filter { $0.provider == provider && $0.category == category }
            #expect(!entries.isEmpty, "no \(category) entry for \(provider)")
        }
    }

    @Test func everyEntryIsDescribed() {
        for entry in QuotaCatalog.entries {
            for (field, value) in [("plan", entry.planText), ("current", entry.currentText), ("unit", entry.unit),
                                   ("source", entry.source), ("checked", entry.checked)] {
                #expect(!value.isEmpty, "\(entry.key) has no \(field)")
            }
            #expect(entry.provider == entry.provider.lowercased() && !entry.provider.contains(" "))
            if entry.verdict == .gone { #expect(entry.limit == nil, "\(entry.key) is gone but has a limit") }
            if entry.source == "scaling plan" { #expect(entry.verdict == .unverified) }
        }
        let keys = QuotaCatalog.entries.map(\.key)
        #expect(Set(keys).count == keys.count, "duplicate catalog keys")
    }

    struct Limit: Sendable, CustomTestStringConvertible {
        var provider: String, resource: String, limit: Double?, period: QuotaPeriod, plan: Double?, verdict: QuotaVerdict
        var testDescription: String { "\(provider)/\(resource)" }
    }

    /// What the e-mail router and capacity view rely on.
    static let emailLimits: [Limit] = [
        Limit(provider: "resend", resource: "emails-day", limit: 100, period: .rolling24h, plan: 100, verdict: .confirmed),
        Limit(provider: "resend", resource: "emails-month", limit: 3000, period: .month, plan: 3000, verdict: .confirmed),
        Limit(provider: "sendgrid", resource: "emails-day", limit: nil, period: .day, plan: 100, verdict: .gone),
        Limit(provider: "mailgun", resource: "emails-day", limit: 100, period: .day, plan: nil, verdict: .changed),
        Limit(provider: "mailgun", resource: "emails-month", limit: nil, period: .month, plan: 5000, verdict: .changed),
        Limit(provider: "brevo", resource: "emails-day", limit: 300, period: .day, plan: 300, verdict: .confirmed),
        Limit(provider: "postmark", resource: "emails-month", limit: 100, period: .month, plan: 100, verdict: .confirmed),
        Limit(provider: "elastic-email", resource: "emails-month", limit: nil, period: .month, plan: 3000, verdict: .gone),
        Limit(provider: "mailersend", resource: "emails-month", limit: 500, period: .rolling30d, plan: 12000, verdict: .changed),
        Limit(provider: "upstash", resource: "commands-month", limit: 500_000, period: .month, plan: nil, verdict: .changed),
        Limit(provider: "neon", resource: "storage", limit: 0.5, period: .total, plan: 3, verdict: .changed),
        Limit(provider: "planetscale", resource: "storage", limit: nil, period: .total, plan: 5, verdict: .gone),
        Limit(provider: "fly", resource: "compute", limit: nil, period: .month, plan: nil, verdict: .gone),
    ]

    @Test(arguments: emailLimits)
    func limitsMatchQuotasMd(_ expected: Limit) throws {
        let entry = try #require(QuotaCatalog.entries.first { $0.provider == expected.provider && $0.resource == expected.resource })
        #expect(entry.limit == expected.limit)
        #expect(entry.period == expected.period)
        #expect(entry.planLimit == expected.plan)
        #expect(entry.verdict == expected.verdict)
    }

    @Test func planEmailCapacityIs35100AMonth() {
        // The plan's monthly e-mail capacity: monthly figures, or daily × 30.
        var total = 0.0
        for provider in Self.planProviders[.email] ?? [] {
            let entries = QuotaCatalog.entries.filter { $0.provider == provider }
            if let month = entries.first(where: { $0.resource == "emails-month" })?.planLimit {
                total += month
            } else if let day = entries.first(where: { $0.resource == "emails-day" })?.planLimit {
                total += day * 30
            }
        }
        #expect(total == 35_100)
    }

    @Test func defaultProvidersAreCatalogIds() {
        let providers = Set(QuotaCatalog.entries.map(\.provider))
        let topology = ConfigDefaults.config.topology
        for name in topology.shards.map(\.provider) + topology.caches.map(\.provider) + topology.instances.map(\.provider) {
            #expect(providers.contains(name), "\(name) is not a catalog provider")
        }
    }
}
