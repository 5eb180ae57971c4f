import StudySpotCore

/// What `doctor` checks: one kind per file beside this one.
public enum DoctorTargetKind: String, Sendable, CaseIterable {
    case shard, cache, instance, collector, relay
}

/// One line of `studyspot doctor`: what is wrong with one target and how to
/// fix it, or that the target is fine.
public struct DoctorFinding: Sendable, Equatable {
    public var kind: DoctorTargetKind
    public var target: String
    public var severity: Severity
    public var problem: String
    public var fix: String?

    public init(_ kind: DoctorTargetKind, _ target: String, _ severity: Severity, _ problem: String, fix: String? = nil) {
        self.kind = kind
        self.target = target
        self.severity = severity
        self.problem = problem
        self.fix = fix
    }

    public var symbol: String {
        switch severity { case .ok: "✓"; case .warning: "⚠"; case .critical: "✕"; case .unknown: "?" }
    }

    /// `✕ shard supabase: LISTEN will not work: … — use the direct port 5432 (…)`
    public var line: String {
        "\(symbol) \(kind.rawValue) \(target): \(problem)" + (fix.map { " — \($0)" } ?? "")
    }
}

/// Every finding of one run, and the exit status `snapshot` would give them.
public struct DoctorReport: Sendable {
    public var findings: [DoctorFinding]

    public init(findings: [DoctorFinding]) { self.findings = findings }

    /// The worst finding; `unknown` only when nothing could be checked at all.
    public var status: Severity {
        guard !findings.isEmpty else { return .unknown }
        return findings.map(\.severity).max() ?? .ok
    }

    public var summary: String {
        let count = { (s: Severity) in self.findings.filter { $0.severity == s }.count }
        var parts = ["\(count(.critical)) critical", "\(count(.warning)) warning(s)"]
        if count(.unknown) > 0 { parts.append("\(count(.unknown)) unknown") }
        let targets = Set(findings.map { "\($0.kind.rawValue) \($0.target)" }).count
        return "doctor: \(targets) target(s): " + parts.joined(separator: ", ") + " — status \(status.rawValue)"
    }
}
