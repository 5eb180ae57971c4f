import Foundation

/// Why one poll of a provider's API failed, in words an admin acts on.
/// Never carries a credential: messages name the URL without query or user.
public struct CollectorError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// 401/403: the credential was refused.
        case refused
        /// 429: rate-limited; `retryAt` says until when, when the provider said.
        case rateLimited
        /// Any other non-2xx answer.
        case http
        /// Connection refused, TLS failure, timeout, I/O.
        case transport
        /// The answer is not what the documented shape says (bad JSON, empty body).
        case malformed
        /// The configuration lacks what the collector needs.
        case config
    }
    public var kind: Kind
    public var message: String
    public var httpStatus: Int?
    public var retryAt: Date?

    public init(_ kind: Kind, _ message: String, httpStatus: Int? = nil, retryAt: Date? = nil) {
        self.kind = kind; self.message = message; self.httpStatus = httpStatus; self.retryAt = retryAt
    }

    public var description: String { message }

    static func malformed(_ what: String) -> CollectorError { CollectorError(.malformed, what) }
}
