import StudySpotCore
import TOMLParser

/// The shipped quota catalog: every provider the scaling plan names, each
/// resource with the plan's figure and the current term (QUOTAS.md, checked
/// November 2026). Written as TOML so it goes through the same parser and
/// checks as a user's `[[quota]]` entries, which override or extend it.
///
/// `limit` is what gauges measure against (absent: unlimited, or gone);
/// `plan_limit` is what the plan counted on. Entries the design could not
/// check carry the plan's figure as the limit, verdict `unverified` and
/// source "scaling plan". Storage sizes use period `total` (they do not
/// reset); flows use the period the provider resets on.
public enum QuotaCatalog {
    public static let text = #"""
    quota = [
      # Frontends
      { provider = "vercel", resource = "bandwidth", category = "frontend", limit = 100, unit = "GB", period = "rolling-30d", plan_limit = 100, plan = "100 GB/month", current = "100 GB \"Fast Data Transfer\"", source = "vercel.com/docs/limits/fair-use-guidelines", checked = "n.d.", verdict = "confirmed" },
      { provider = "netlify", resource = "bandwidth", category = "frontend", limit = 30, unit = "GB", period = "month", plan_limit = 100, plan = "100 GB/month", current = "300 credits/month, hard limit, site pauses; about 10 credits per GB (3rd-party) ⇒ ~30 GB", source = "docs.netlify.com \"how credits work\", changelog", checked = "2025-09-05", verdict = "changed" },
      { provider = "netlify", resource = "credits", category = "frontend", limit = 300, unit = "credits", period = "month", plan = "—", current = "300 credits/month, hard limit, site pauses", source = "docs.netlify.com \"how credits work\", changelog", checked = "2025-09-05", verdict = "changed" },
      { provider = "cloudflare-pages", resource = "bandwidth", category = "frontend", unit = "GB", period = "month", plan = "unlimited", current = "static requests unlimited", source = "Cloudflare docs pages/functions/pricing", checked = "n.d.", verdict = "confirmed" },
      { provider = "cloudflare-pages", resource = "builds", category = "frontend", limit = 500, unit = "builds", period = "month", plan = "—", current = "500 builds/month", source = "Cloudflare docs pages/functions/pricing", checked = "n.d.", verdict = "confirmed" },
      { provider = "cloudflare-pages", resource = "functions-requests", category = "frontend", limit = 100000, unit = "requests", period = "day", plan = "—", current = "Functions 100,000 requests/day (UTC)", source = "Cloudflare docs pages/functions/pricing", checked = "n.d.", verdict = "confirmed" },
      { provider = "render", resource = "bandwidth", category = "frontend", limit = 100, unit = "GB", period = "month", plan_limit = 100, plan = "100 GB/month (static site)", current = "100 GB egress/month across free services", source = "render.com/docs/free", checked = "n.d.", verdict = "confirmed" },
      { provider = "fleek", resource = "bandwidth", category = "frontend", limit = 50, unit = "GB", period = "month", plan_limit = 50, plan = "50 GB/month", current = "(not checked: the plan's figure)", source = "scaling plan", checked = "n.d.", verdict = "unverified" },

      # Compute
      { provider = "railway", resource = "compute-credit", category = "compute", limit = 1, unit = "USD", period = "month", plan_limit = 5, plan = "$5/month", current = "one-time $5 trial for 30 days, then $1/month on Free", source = "railwayapp docs plans.md; Railway blog 2023", checked = "n.d.", verdict = "changed" },
      { provider = "render", resource = "compute", category = "compute", limit = 750, unit = "hours", period = "month", plan_limit = 750, plan = "750 hours/month per account", current = "750 instance hours/month across all free web services; spins down after 15 min idle", source = "render.com/docs/free", checked = "n.d.", verdict = "confirmed" },
      { provider = "fly", resource = "compute", category = "compute", unit = "hours", period = "month", plan = "256 MB VMs free", current = "no free allowance for organisations created after 2024-10-07", source = "fly.io/docs/about/pricing; docs PR 2024-07-02", checked = "n.d.", verdict = "gone" },
      { provider = "koyeb", resource = "compute", category = "compute", limit = 1, unit = "instances", period = "total", plan_limit = 1, plan = "512 MB instance", current = "1 instance: 0.1 vCPU, 512 MB, 2 GB disk; sleeps when idle", source = "koyeb.com/docs/reference/instances", checked = "n.d.", verdict = "confirmed" },

      # Databases
      { provider = "neon", resource = "storage", category = "database", limit = 0.5, unit = "GB", period = "total", plan_limit = 3, plan = "3 GB", current = "0.5 GB per project", source = "neondatabase/website plans.md", checked = "2026-03-20", verdict = "changed" },
      { provider = "neon", resource = "compute-hours", category = "database", limit = 100, unit = "hours", period = "month", plan = "—", current = "100 compute-unit hours/month per project", source = "neondatabase/website plans.md", checked = "2026-03-20", verdict = "changed" },
      { provider = "neon", resource = "egress", category = "database", limit = 5, unit = "GB", period = "month", plan = "—", current = "5 GB egress/month", source = "neondatabase/website plans.md", checked = "2026-03-20", verdict = "changed" },
      { provider = "supabase", resource = "storage", category = "database", limit = 0.5, unit = "GB", period = "total", plan_limit = 0.5, plan = "500 MB", current = "0.5 GB per project, read-only when exceeded; paused after 7 days inactive", source = "Supabase billing docs", checked = "n.d.", verdict = "confirmed" },
      { provider = "planetscale", resource = "storage", category = "database", unit = "GB", period = "total", plan_limit = 5, plan = "5 GB", current = "Hobby plan removed: no new free databases since 2024-03-06", source = "PlanetScale blog", checked = "2024-03-06", verdict = "gone" },
      { provider = "xata", resource = "storage", category = "database", limit = 15, unit = "GB", period = "total", plan_limit = 15, plan = "15 GB", current = "15 GB free in 2024; a 2026 summary shows only metered plans", source = "Xata blog 2024-07-11; 3rd-party summary", checked = "2026-06-12", verdict = "unverified" },
      { provider = "turso", resource = "storage", category = "database", limit = 5, unit = "GB", period = "total", plan_limit = 9, plan = "9 GB", current = "5 GB, 100 databases, 500M rows read/month (3rd-party summary)", source = "3rd-party summary of turso.tech/pricing", checked = "2026-06-12", verdict = "changed" },
      { provider = "turso", resource = "rows-read", category = "database", limit = 500000000, unit = "rows", period = "month", plan = "—", current = "500M rows read/month (3rd-party summary)", source = "3rd-party summary of turso.tech/pricing", checked = "2026-06-12", verdict = "changed" },
      { provider = "render", resource = "postgres", category = "database", limit = 30, unit = "days", period = "total", plan = "—", current = "free database expires 30 days after creation (+14 days grace)", source = "Render docs quoted in 2024-09 and 2026-09", checked = "2026-09", verdict = "changed" },

      # Caches
      { provider = "upstash", resource = "commands-day", category = "cache", unit = "commands", period = "day", plan_limit = 10000, plan = "10,000/day", current = "no daily limit: 500,000 commands/month", source = "upstash docs billing; pricing", checked = "2026-09-20", verdict = "changed" },
      { provider = "upstash", resource = "commands-month", category = "cache", limit = 500000, unit = "commands", period = "month", plan = "— (10,000/day)", current = "500,000 commands/month", source = "upstash docs billing; pricing", checked = "2026-09-20", verdict = "changed" },
      { provider = "upstash", resource = "memory", category = "cache", limit = 256, unit = "MB", period = "total", plan = "—", current = "256 MB", source = "upstash docs billing; pricing", checked = "2026-09-20", verdict = "changed" },
      { provider = "upstash", resource = "bandwidth", category = "cache", limit = 10, unit = "GB", period = "month", plan = "—", current = "10 GB bandwidth/month", source = "upstash docs billing; pricing", checked = "2026-09-20", verdict = "changed" },
      { provider = "railway", resource = "redis-memory", category = "cache", limit = 512, unit = "MB", period = "total", plan_limit = 512, plan = "512 MB", current = "no Redis quota: 0.5 GB RAM per service on Free, paid from the credit", source = "railway plans.md", checked = "n.d.", verdict = "partly" },
      { provider = "redis-cloud", resource = "memory", category = "cache", limit = 30, unit = "MB", period = "total", plan_limit = 30, plan = "30 MB", current = "30 MB, 30 connections; deleted after ~14 days inactive", source = "redis docs", checked = "2024-04", verdict = "confirmed" },

      # File stores
      { provider = "cloudinary", resource = "credits", category = "storage", limit = 25, unit = "credits", period = "rolling-30d", plan_limit = 25, plan = "25 GB", current = "25 credits/month; 1 credit = 1 GB stored or 1 GB delivered or 1,000 transformations, one pool", source = "Cloudinary FAQ", checked = "2024-11-06", verdict = "changed" },
      { provider = "imagekit", resource = "bandwidth", category = "storage", limit = 20, unit = "GB", period = "month", plan_limit = 20, plan = "20 GB", current = "20 GB bandwidth/month", source = "3rd-party summary", checked = "2025-08-26", verdict = "confirmed" },
      { provider = "imagekit", resource = "storage", category = "storage", limit = 3, unit = "GB", period = "total", plan = "—", current = "3 GB storage (does not reset)", source = "3rd-party summary", checked = "2025-08-26", verdict = "confirmed" },
      { provider = "backblaze-b2", resource = "storage", category = "storage", limit = 10, unit = "GB", period = "total", plan_limit = 10, plan = "10 GB", current = "first 10 GB stored free", source = "help.backblaze.com", checked = "n.d.", verdict = "confirmed" },
      { provider = "backblaze-b2", resource = "download", category = "storage", limit = 1, unit = "GB", period = "day", plan = "—", current = "1 GB/day download (day starts 00:00 GMT)", source = "help.backblaze.com", checked = "n.d.", verdict = "confirmed" },
      { provider = "backblaze-b2", resource = "class-b-calls", category = "storage", limit = 2500, unit = "operations", period = "day", plan = "—", current = "2,500 class B/C calls/day", source = "help.backblaze.com", checked = "n.d.", verdict = "confirmed" },
      { provider = "cloudflare-r2", resource = "storage", category = "storage", limit = 10, unit = "GB", period = "month", plan_limit = 10, plan = "10 GB", current = "10 GB-month storage; free egress", source = "Cloudflare docs r2/pricing", checked = "n.d.", verdict = "confirmed" },
      { provider = "cloudflare-r2", resource = "class-a-operations", category = "storage", limit = 1000000, unit = "operations", period = "month", plan = "—", current = "1M class A operations/month", source = "Cloudflare docs r2/pricing", checked = "n.d.", verdict = "confirmed" },
      { provider = "cloudflare-r2", resource = "class-b-operations", category = "storage", limit = 10000000, unit = "operations", period = "month", plan = "—", current = "10M class B operations/month", source = "Cloudflare docs r2/pricing", checked = "n.d.", verdict = "confirmed" },
      { provider = "bunny", resource = "bandwidth", category = "storage", limit = 100, unit = "GB", period = "month", plan_limit = 100, plan = "100 GB", current = "no free plan found: pay as you go from $0.01/GB", source = "bunny.net pricing (3rd-party)", checked = "2026-09-20", verdict = "unverified" },
      { provider = "github-lfs", resource = "storage", category = "storage", unit = "GB", period = "total", plan = "unlimited", current = "(not checked)", source = "scaling plan", checked = "n.d.", verdict = "unverified" },

      # E-mail (the router's senders, in the plan's order)
      { provider = "resend", resource = "emails-day", category = "email", limit = 100, unit = "emails", period = "rolling-24h", plan_limit = 100, plan = "100/day", current = "100/day; every recipient counts", source = "resend docs account-quotas", checked = "n.d.", verdict = "confirmed" },
      { provider = "resend", resource = "emails-month", category = "email", limit = 3000, unit = "emails", period = "month", plan_limit = 3000, plan = "3,000/month", current = "3,000/month; every recipient counts", source = "resend docs account-quotas", checked = "n.d.", verdict = "confirmed" },
      { provider = "sendgrid", resource = "emails-day", category = "email", unit = "emails", period = "day", plan_limit = 100, plan = "100/day", current = "60-day trial at 100/day for accounts since 2025-03-25, then sending stops", source = "SendGrid support; pricing", checked = "2026-08-13", verdict = "gone" },
      { provider = "mailgun", resource = "emails-day", category = "email", limit = 100, unit = "emails", period = "day", plan = "—", current = "free plan reported at 100/day (3rd-party)", source = "help.mailgun.com; 3rd-party 2026-01-21", checked = "2026-01-21", verdict = "changed" },
      { provider = "mailgun", resource = "emails-month", category = "email", unit = "emails", period = "month", plan_limit = 5000, plan = "5,000/month", current = "5,000/month was a 3-month trial", source = "help.mailgun.com; 3rd-party 2026-01-21", checked = "2026-01-21", verdict = "changed" },
      { provider = "brevo", resource = "emails-day", category = "email", limit = 300, unit = "emails", period = "day", plan_limit = 300, plan = "300/day", current = "300/day", source = "help.brevo.com; pricing", checked = "2026-08-13", verdict = "confirmed" },
      { provider = "postmark", resource = "emails-month", category = "email", limit = 100, unit = "emails", period = "month", plan_limit = 100, plan = "100/month", current = "100/month, no overage", source = "Postmark pricing FAQ", checked = "n.d.", verdict = "confirmed" },
      { provider = "elastic-email", resource = "emails-day", category = "email", unit = "emails", period = "day", plan = "—", current = "new accounts: 100/day to their own address only", source = "help.elasticemail.com", checked = "n.d.", verdict = "gone" },
      { provider = "elastic-email", resource = "emails-month", category = "email", unit = "emails", period = "month", plan_limit = 3000, plan = "3,000/month", current = "no free sending to others for new accounts", source = "help.elasticemail.com", checked = "n.d.", verdict = "gone" },
      { provider = "mailersend", resource = "emails-month", category = "email", limit = 500, unit = "emails", period = "rolling-30d", plan_limit = 12000, plan = "12,000/month", current = "500/month free (latest help page; earlier 12,000 then 3,000), 30 days from billing day", source = "mailersend.com/help", checked = "n.d.", verdict = "changed" },

      # SMS (not checked: the plan's figures)
      { provider = "twilio", resource = "trial-credit", category = "sms", limit = 15.5, unit = "USD", period = "total", plan_limit = 15.5, plan = "$15.50 trial credit", current = "(not checked: the plan's figure)", source = "scaling plan", checked = "n.d.", verdict = "unverified" },
      { provider = "vonage", resource = "trial-credit", category = "sms", limit = 2, unit = "USD", period = "total", plan_limit = 2, plan = "€2 trial credit", current = "(not checked: the plan's figure)", source = "scaling plan", checked = "n.d.", verdict = "unverified" },
      { provider = "messagebird", resource = "messages", category = "sms", limit = 10, unit = "messages", period = "total", plan_limit = 10, plan = "10 test messages", current = "(not checked: the plan's figure)", source = "scaling plan", checked = "n.d.", verdict = "unverified" },
      { provider = "msg91", resource = "messages", category = "sms", limit = 100, unit = "messages", period = "total", plan_limit = 100, plan = "100 free SMS", current = "(not checked: the plan's figure)", source = "scaling plan", checked = "n.d.", verdict = "unverified" },

      # Push
      { provider = "onesignal", resource = "mobile-push", category = "push", unit = "messages", period = "month", plan = "unlimited", current = "mobile push unlimited", source = "OneSignal pricing (3rd-party)", checked = "2026-08-13", verdict = "partly" },
      { provider = "onesignal", resource = "web-push-subscribers", category = "push", limit = 10000, unit = "subscribers", period = "total", plan = "unlimited", current = "web push 10,000 subscribers per send", source = "OneSignal pricing (3rd-party)", checked = "2026-08-13", verdict = "partly" },
      { provider = "onesignal", resource = "emails-month", category = "push", limit = 10000, unit = "emails", period = "month", plan = "—", current = "email 10,000/month", source = "OneSignal pricing (3rd-party)", checked = "2026-08-13", verdict = "partly" },
      { provider = "fcm", resource = "messages", category = "push", unit = "messages", period = "month", plan = "unlimited", current = "(not checked: the plan's figure)", source = "scaling plan", checked = "n.d.", verdict = "unverified" },

      # Auth
      { provider = "supabase-auth", resource = "users", category = "auth", limit = 50000, unit = "users", period = "month", plan = "unlimited", current = "50,000 monthly active users", source = "Supabase docs \"monthly active users\"", checked = "n.d.", verdict = "changed" },

      # Monitoring (not checked: the plan's figures)
      { provider = "sentry", resource = "errors", category = "monitoring", limit = 5000, unit = "errors", period = "month", plan_limit = 5000, plan = "5,000 errors/month", current = "(not checked: the plan's figure)", source = "scaling plan", checked = "n.d.", verdict = "unverified" },
      { provider = "posthog", resource = "events", category = "monitoring", limit = 1000000, unit = "events", period = "month", plan_limit = 1000000, plan = "1,000,000 events/month", current = "(not checked: the plan's figure)", source = "scaling plan", checked = "n.d.", verdict = "unverified" },
      { provider = "uptimerobot", resource = "monitors", category = "monitoring", limit = 50, unit = "monitors", period = "total", plan_limit = 50, plan = "50 monitors", current = "(not checked: the plan's figure)", source = "scaling plan", checked = "n.d.", verdict = "unverified" },
    ]
    """#

    /// The file name problems in the catalog would carry.
    static let fileName = "built-in quota catalog"

    static let loaded: (entries: [QuotaEntry], problems: [ConfigProblem]) = {
        let table: TOMLTable
        do throws(TOMLParseError) {
            table = try TOML.parse(text)
        } catch {
            return ([], [ConfigLoader.syntaxProblem(error, text: text, file: fileName)])
        }
        var decoder = ConfigDecoder(file: fileName, environment: [:])
        let decoded = decoder.decode(table)
        decoder.crossCheck(decoded)
        let entries = decoder.applyQuotas(decoded.quotas, to: [], complete: true)
        return (entries, decoder.problems)
    }()

    /// Every catalog entry, in the order above.
    public static var entries: [QuotaEntry] { loaded.entries }

    /// Problems in the shipped catalog (a test keeps this empty).
    static var problems: [ConfigProblem] { loaded.problems }
}
