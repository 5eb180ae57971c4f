import Foundation

/// Where everything of a stack lives inside its folder.
struct LocalStackPaths: Sendable {
    let root: String

    var config: String { root + "/config.toml" }
    var password: String { root + "/password" }
    /// Remembers the base port of the last `up`, so `down` and `status` find the same ports.
    var basePort: String { root + "/base-port" }
    var postgresRoot: String { root + "/postgres" }
    var redisRoot: String { root + "/redis" }
    var logs: String { root + "/logs" }

    func postgresData(_ name: String) -> String { postgresRoot + "/" + name }
    func redisDirectory(_ name: String) -> String { redisRoot + "/" + name }
    func log(_ name: String) -> String { logs + "/" + name + ".log" }
}

extension LocalStack {
    /// The stack folder used when none is given: `$XDG_STATE_HOME/studyspot/stack`
    /// (`~/.local/state/...`), or `/var/lib/studyspot/stack` for root, whose home the
    /// unprivileged server user cannot enter.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment,
                                        isRoot: Bool = geteuid() == 0) -> URL {
        if isRoot { return URL(fileURLWithPath: "/var/lib/studyspot/stack") }
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return URL(fileURLWithPath: state).appendingPathComponent("studyspot/stack")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/state/studyspot/stack")
    }

    /// The base port the last `up` in `directory` used, if any.
    public static func recordedBasePort(in directory: URL) -> Int? {
        let paths = LocalStackPaths(root: directory.standardizedFileURL.path)
        return FileSystem.read(paths.basePort).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }
}
