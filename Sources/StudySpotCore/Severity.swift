/// How bad something is, ordered: the monitoring-plugin convention's exit
/// codes are 0 ok, 1 warning, 2 critical, 3 unknown.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case ok, warning, critical, unknown

    public var exitCode: Int32 {
        switch self { case .ok: 0; case .warning: 1; case .critical: 2; case .unknown: 3 }
    }

    private var rank: Int {
        switch self { case .ok: 0; case .unknown: 1; case .warning: 2; case .critical: 3 }
    }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}
