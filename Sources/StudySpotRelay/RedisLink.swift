import Foundation
import StudySpotCore
import StudySpotWire

/// One lazily opened connection to the state cache for one thread of the
/// relay: opened on first use, dropped on a transport error so the next
/// call reconnects (hiredis contexts are unusable after one).
final class RedisLink: @unchecked Sendable {
    private let url: String
    private let counter: OperationCounter
    private var connection: RedisConnection?

    init(url: String, counter: OperationCounter) { self.url = url; self.counter = counter }

    /// Runs `body` on the connection; a transport error closes it and is rethrown.
    func run<T>(_ body: (RedisConnection) throws(RedisError) -> T) throws(RedisError) -> T {
        do throws(RedisError) {
            if connection == nil || connection?.isAlive == false {
                connection = try RedisConnection(url: url, timeoutSeconds: 3, costTarget: CostTarget("relay", in: counter))
            }
            return try body(connection!)
        } catch {
            if error.isConnectionLost { close() }
            throw error
        }
    }

    func close() { connection?.close(); connection = nil }
}

/// A reply that is (or holds) a Redis error, as an error that says which command.
func requireOK(_ reply: RedisReply, _ what: String) throws(RedisError) {
    if case .error(let text) = reply { throw RedisError(kind: .command, message: "\(what): \(text)") }
    if let items = reply.array {
        for item in items { if case .error(let text) = item { throw RedisError(kind: .command, message: "\(what): \(text)") } }
    }
}
