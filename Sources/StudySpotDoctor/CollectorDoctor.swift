import Foundation
import StudySpotCollectors
import StudySpotCore

/// Checks one `[[collector]]`: one poll of its provider's API (nothing
/// written), so a refused token or an unreachable API shows before
/// `collect` runs under cron.
public struct CollectorDoctor: Sendable {
    public var timeoutSeconds: Double

    public init(timeoutSeconds: Double = 10) { self.timeoutSeconds = timeoutSeconds }

    public func check(_ config: CollectorConfig) -> [DoctorFinding] {
        func finding(_ s: Severity, _ problem: String, fix: String? = nil) -> [DoctorFinding] {
            [DoctorFinding(.collector, config.name, s, problem, fix: fix)]
        }
        if let problem = CollectorRegistry.problem(for: config) { return finding(.critical, problem) }
        guard let type = CollectorRegistry.collector(for: config.provider) else { return [] }
        let api = CollectorAuth.api(for: type, config: config, timeout: timeoutSeconds)
        api.retries = 0
        api.longestWait = 0
        let readings: [UsageReading]
        do { readings = try type.init(config: config).collect(api, now: Date()) } catch {
            return finding(Self.severity(error), SecretMasking.masked(error.message), fix: Self.fix(error, type: type, config: config))
        }
        let names = readings.map(\.resource).joined(separator: ", ")
        return readings.isEmpty
            ? finding(.warning, "\(type.title) answered without a figure", fix: "its gauges stay unknown; enter them with `studyspot usage set`")
            : finding(.ok, "\(type.title) answers: \(names)")
    }

    static func severity(_ error: CollectorError) -> Severity {
        switch error.kind {
        case .refused, .config: .critical
        case .rateLimited, .http, .transport, .malformed: .warning
        }
    }

    /// `set NETLIFY_TOKEN to a personal access token`, and the like.
    static func fix(_ error: CollectorError, type: any UsageCollector.Type, config: CollectorConfig) -> String? {
        let variable = config.provider.uppercased().replacingOccurrences(of: "-", with: "_") + "_TOKEN"
        switch error.kind {
        case .refused:
            return "set the token of [[collector]] \(config.name) (e.g. token = \"${\(variable)}\") to \(type.credentialHint)"
        case .rateLimited:
            return "collect waits for it; lower how often anything else calls \(type.title) with this token"
        case .transport:
            return config.apiURL == nil ? "check this host reaches \(type.baseURL)" : "check api_url \(SecretMasking.masked(config.apiURL!))"
        case .http, .malformed:
            return "\(type.title) may have changed; collect keeps the last figure and says so on the Quotas pane"
        case .config:
            return nil
        }
    }
}
