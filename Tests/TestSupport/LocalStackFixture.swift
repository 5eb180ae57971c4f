import Foundation
import StudySpotCore
import StudySpotDevStack

/// A stack in its own folder under /tmp (the unprivileged server user cannot
/// reach a clone under /root), on ports away from the default, always brought
/// down and removed afterwards.
public enum LocalStackFixture {
    /// A base port whose stack ports are all free now, above the kernel's
    /// ephemeral range: inside it (the old 56000…58980) another test's client
    /// connection could take a server's port between this check and its start
    /// ("port 58664 … is already in use" under load). The start is random so
    /// that test runs in other worktrees at the same time rarely pick the same ports.
    public static func freeBasePort() -> Int {
        TestEnvironment.freeStackBase { base in LocalStack.servers(basePort: base).allSatisfy { LocalStackPorts.isFree($0.port) } }
    }

    public static func withStack<T>(_ body: (LocalStack) throws -> T) throws -> T {
        let directory = URL(fileURLWithPath: "/tmp/studyspot-stack-test-\(UUID().uuidString.prefix(8))")
        let stack = LocalStack(directory: directory, basePort: freeBasePort())
        defer {
            _ = try? stack.down()
            try? FileManager.default.removeItem(at: directory)
        }
        return try body(stack)
    }

    /// The `dsn` and `url` values of a written config file, in order.
    public static func connectionStrings(in config: URL) throws -> (dsns: [String], urls: [String]) {
        let text = try String(contentsOf: config, encoding: .utf8)
        func values(_ key: String) -> [String] {
            text.split(separator: "\n").compactMap { line in
                guard line.hasPrefix(key + " = \""), line.hasSuffix("\"") else { return nil }
                return String(line.dropFirst(key.count + 4).dropLast())
            }
        }
        return (values("dsn"), values("url").filter { $0.hasPrefix("redis://") })
    }

    /// Port and password of `redis://:password@127.0.0.1:port/0`.
    public static func redisEndpoint(_ url: String) -> (port: Int, password: String)? {
        guard let match = url.wholeMatch(of: /redis:\/\/:([A-Za-z0-9]+)@127\.0\.0\.1:(\d+)\/0/) else { return nil }
        return (Int(match.2)!, String(match.1))
    }

    public static func password(of stack: LocalStack) throws -> String {
        try String(contentsOf: stack.directory.appendingPathComponent("password"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
