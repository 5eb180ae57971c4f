/// Who is at the console. Owners see their own libraries only; operators and
/// admins see the platform and may act on it (unless `--read-only`).
public enum ConsoleRole: String, Sendable, CaseIterable, Hashable {
    case owner, `operator`, admin
}
