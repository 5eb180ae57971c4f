import StudySpotCore

/// A PostgreSQL failure as a value: what failed, the SQLSTATE when the server
/// sent one, and a message with every secret masked.
public struct PGError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case connection, query, timeout, copy, protocolViolation = "protocol"
    }
    public var kind: Kind
    public var sqlstate: String?
    public var message: String

    public init(kind: Kind, sqlstate: String? = nil, message: String, secrets: [String] = []) {
        self.kind = kind
        self.sqlstate = sqlstate
        let trimmed = message.trimmingCharacters(in: .whitespacesAndNewlines)
        self.message = SecretMasking.redacting(SecretMasking.masked(trimmed), secrets: secrets)
    }

    public var description: String {
        if let sqlstate { return "\(message) (SQLSTATE \(sqlstate))" }
        return message
    }

    /// The connection is no longer usable and must be replaced.
    public var isConnectionLost: Bool { kind == .connection || kind == .timeout }
}
