import Foundation
import StudySpotWire
#if canImport(Glibc)
import Glibc
#endif

/// `scripts/fake_providers/server.py` as a test fixture: every provider's
/// usage API, as PROVIDERS.md documents its responses, on one loopback port
/// above the ephemeral range; started and waited for until it answers
/// `GET /health`, killed on deinit. A collector reaches it through
/// `api_url = url`. Each provider module accepts one token:
/// `token(for: "netlify")` is "fake-netlify-token".
public final class FakeProviders: @unchecked Sendable {
    public private(set) var port = 0
    private var process: Process?

    public var url: String { "http://127.0.0.1:\(port)" }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/fake_providers/server.py")

    public static func token(for provider: String) -> String { "fake-\(provider)-token" }

    public init() throws {
        var lastError: Error = FakeProvidersError("no port tried")
        for _ in 0..<10 {
            port = TestEnvironment.freeServerPort()
            do { try start(); return } catch let e as FakeProvidersError where e.portTaken { lastError = e; continue }
        }
        throw lastError
    }

    deinit { kill() }

    public func start() throws {
        do {
            process = try PythonServer.start(Self.script, ["--port", String(port)], port: port, name: "fake providers",
                                             stderr: .standardError)
        } catch let f as PythonServer.Failure {
            throw FakeProvidersError(f.message, portTaken: f.portTaken)
        }
    }

    public func kill() {
        guard let p = process else { return }
        PythonServer.stop(p)
        process = nil
    }

    /// Makes `provider`'s next `times` requests (all, when nil) answer with
    /// `fault`: none, 401, 429 (with `retryAfter`), 500, malformed, empty, slow.
    public func fault(_ provider: String, _ fault: String, retryAfter: String? = nil, times: Int? = nil) throws {
        var body: [String: Any] = ["provider": provider, "fault": fault]
        if let retryAfter { body["retry_after"] = retryAfter }
        if let times { body["times"] = times }
        try post("/_fake/fault", body)
    }

    /// Module-specific state (e.g. `["used": 1234]` for netlify).
    public func setState(_ provider: String, _ values: [String: Any]) throws {
        try post("/_fake/state", values.merging(["provider": provider]) { a, _ in a })
    }

    /// Requests `provider` received so far.
    public func calls(_ provider: String) throws -> Int {
        guard case .success(let r) = HTTPGet.get("\(url)/_fake/calls?provider=\(provider)", timeout: 5), r.status == 200,
              let obj = try JSONSerialization.jsonObject(with: Data(r.bytes)) as? [String: Any], let n = obj["calls"] as? Int
        else { throw FakeProvidersError("could not read the call count of \(provider)") }
        return n
    }

    private func post(_ path: String, _ body: [String: Any]) throws {
        let data = try JSONSerialization.data(withJSONObject: body)
        let r = HTTPClient.send(HTTPRequest(method: "POST", url: url + path, headers: [("Content-Type", "application/json")], body: Array(data)))
        guard case .success(let reply) = r, reply.status == 200 else { throw FakeProvidersError("\(path) failed: \(r)") }
    }
}

public struct FakeProvidersError: Error, CustomStringConvertible {
    public var description: String
    var portTaken = false
    init(_ d: String, portTaken: Bool = false) { description = d; self.portTaken = portTaken }
}
