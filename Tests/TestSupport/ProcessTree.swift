import Foundation

/// The processes of a server the fault tests kill: a restart is refused
/// until every backend of the killed postmaster is gone.
public enum ProcessTree {
    /// The direct children of `parent`, from /proc.
    public static func children(of parent: pid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry in
            guard let p = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return nil }
            // After "pid (comm) ": state, then ppid.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && pid_t(fields[1]) == parent ? p : nil
        }
    }
}
