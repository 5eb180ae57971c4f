import Foundation
import StudySpotCore
import StudySpotWire

/// Whose streams a console reads from the relay, and as whom it logs in.
public enum RelayFeedScope: Sendable, Equatable {
    /// An owner's console: `feed:owner:{ID}` and its seat maps, as the owner's ACL user.
    case owner(Int64)
    /// An operator's or admin's console: `feed:all`, as the state cache URL's own user.
    case all

    public var stream: String {
        switch self {
        case .owner(let id): RelayKeys.owner(id)
        case .all: RelayKeys.all
        }
    }
}

public enum RelayFeedConnect {
    /// The state cache URL with `[login] user` and `password` in place of the
    /// URL's own credentials: an owner logs in as the ACL user `relay grant`
    /// made (CONTRACT §10), never as the deployment's. Host, port, database
    /// and TLS options stay as they are. Both parts are percent-encoded, so a
    /// password with `@`, `:` or `/` survives `RedisURL`'s parsing.
    public static func ownerURL(stateCache url: String, login: LoginConfig) -> String {
        let scheme = url.hasPrefix("rediss://") ? "rediss://" : "redis://"
        var rest = Substring(url.dropFirst(url.hasPrefix(scheme) ? scheme.count : 0))
        let hostEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        if let at = rest[..<hostEnd].lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        let user = encode(login.user)
        let userinfo = login.password.map { "\(user):\(encode($0))" } ?? "\(user):"
        return "\(scheme)\(userinfo)@\(rest)"
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// Each console's relay connection is named (`CLIENT SETNAME`, which an
    /// owner's ACL allows), so `CLIENT LIST` on the server tells consoles apart.
    static func connectionName(_ scope: RelayFeedScope) -> String {
        let who = switch scope { case .owner(let id): "owner\(id)"; case .all: "all" }
        return "studyspot-console-\(who)-\(ProcessInfo.processInfo.processIdentifier)-\(sequence.next())"
    }

    private static let sequence = Sequence()
    private final class Sequence: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func next() -> Int { lock.withLock { n += 1; return n } }
    }
}
