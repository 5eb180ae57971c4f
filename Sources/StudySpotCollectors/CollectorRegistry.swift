/// Every collector the console ships, by the catalog's provider name.
/// One line per provider; each lives in its own file.
public enum CollectorRegistry {
    public static let all: [any UsageCollector.Type] = [
        NetlifyCollector.self,
        UpstashCollector.self,
        CloudinaryCollector.self,
        BrevoCollector.self,
        NeonCollector.self,
        TursoCollector.self,
        UptimeRobotCollector.self,
        ImageKitCollector.self,
        CloudflarePagesCollector.self,
        CloudflareR2Collector.self,
        VercelCollector.self,
        ResendCollector.self,
        PostmarkCollector.self,
        MailgunCollector.self,
        SentryCollector.self,
        TwilioCollector.self,
    ]

    public static func collector(for provider: String) -> (any UsageCollector.Type)? {
        all.first { $0.provider == provider }
    }
}
