import Foundation
import StudySpotTestSupport
@testable import StudySpotWire
import Testing

/// `HTTPClient` against real servers (Python's http.server, with ssl for
/// HTTPS) and certificates made with openssl by the test: no mocks.
@Suite(.serialized) struct HTTPClientTests {
    static let certs: HTTPSCertificates? = try? HTTPSCertificates()

    func certificates() throws -> HTTPSCertificates { try #require(Self.certs, "openssl could not make the test certificates") }

    func server(_ name: String?, trust: String? = nil) throws -> FixtureHTTPServer {
        let c = try certificates()
        return try FixtureHTTPServer(cert: name.map { c.path("\($0).pem") }, key: name.map { c.path("\($0).key") },
                                     trust: trust ?? c.caFile, scriptDirectory: c.directory)
    }

    func get(_ url: String, ca: String?, timeout: Double = 5, maxBody: Int = HTTPGet.maxBody) -> Result<HTTPResponse, HTTPError> {
        HTTPGet.get(url, timeout: timeout, caFile: ca, maxBody: maxBody)
    }

    @Test func aCertificateOfThePrivateCAIsTrustedWithCAFileAndTheExpiryIsRead() throws {
        let c = try certificates()
        let s = try server("good")
        defer { s.stop() }
        let r = try get("\(s.base)/health", ca: c.caFile).get()
        #expect(r.status == 200 && r.body.contains("\"status\":\"ok\""))
        let days = try #require(r.certificateExpiresAt).timeIntervalSinceNow / 86_400
        #expect(days > 29 && days <= 30)
        // By IP address: the certificate's IP entry is checked (no SNI for addresses).
        #expect(try get("https://127.0.0.1:\(s.port)/health", ca: c.caFile).get().status == 200)
        // Without ca_file the system trust store does not know the private CA.
        guard case .failure(let e) = get("\(s.base)/health", ca: nil) else { Issue.record("trusted without the CA"); return }
        #expect(e.kind == .tls && e.reason == "certificate verify failed: unable to get local issuer certificate", "\(e.reason)")
    }

    @Test func aSelfSignedCertificateIsRefusedWithTheReason() throws {
        let s = try server("self", trust: try certificates().path("self.pem"))
        defer { s.stop() }
        guard case .failure(let e) = get("\(s.base)/health", ca: try certificates().caFile) else { Issue.record("accepted"); return }
        #expect(e.kind == .tls)
        #expect(e.reason == "certificate verify failed: self-signed certificate", "\(e.reason)")
    }

    @Test func aCertificateForAnotherHostIsRefused() throws {
        let s = try server("misnamed")
        defer { s.stop() }
        guard case .failure(let e) = get("\(s.base)/health", ca: try certificates().caFile) else { Issue.record("accepted"); return }
        #expect(e.reason == "certificate verify failed: hostname mismatch", "\(e.reason)")
        guard case .failure(let ip) = get("https://127.0.0.1:\(s.port)/health", ca: try certificates().caFile) else { Issue.record("accepted"); return }
        #expect(ip.reason == "certificate verify failed: IP address mismatch", "\(ip.reason)")
    }

    @Test func anExpiredCertificateIsRefusedAndOneExpiringSoonIsRead() throws {
        let c = try certificates()
        let expired = try server("expired")
        defer { expired.stop() }
        guard case .failure(let e) = get("\(expired.base)/health", ca: c.caFile) else { Issue.record("accepted"); return }
        #expect(e.reason == "certificate verify failed: certificate has expired", "\(e.reason)")
        let soon = try server("soon")
        defer { soon.stop() }
        let r = try get("\(soon.base)/health", ca: c.caFile).get()
        let days = try #require(r.certificateExpiresAt).timeIntervalSinceNow / 86_400
        #expect(days > 2.9 && days <= 3)
    }

    @Test func aRefusedPortSaysConnectionRefused() throws {
        let port = TestEnvironment.freeServerPort()
        for scheme in ["http", "https"] {
            guard case .failure(let e) = get("\(scheme)://127.0.0.1:\(port)/health", ca: nil) else { Issue.record("answered"); return }
            #expect(e.kind == .refused && e.reason == "connection refused", "\(e.reason)")
        }
    }

    @Test func statusCodesRedirectsAndLoops() throws {
        let c = try certificates()
        let s = try server("good")
        defer { s.stop() }
        #expect(try get("\(s.base)/status/502", ca: c.caFile).get().status == 502)
        // Three redirects are followed; a fourth is an error; a loop says so.
        #expect(try get("\(s.base)/hop/3", ca: c.caFile).get().status == 200)
        guard case .failure(let many) = get("\(s.base)/hop/4", ca: c.caFile) else { Issue.record("followed 4 redirects"); return }
        #expect(many.kind == .redirects && many.reason == "more than 3 redirects")
        guard case .failure(let loop) = get("\(s.base)/loop-a", ca: c.caFile) else { Issue.record("followed a loop"); return }
        #expect(loop.kind == .redirects && loop.reason.hasPrefix("redirect loop"), "\(loop.reason)")
        #expect(loop.reason.contains("/loop-a → https://localhost:\(s.port)/loop-b → https://localhost:\(s.port)/loop-a"), "\(loop.reason)")
    }

    @Test func aTenMegabyteBodyIsNotReadWhole() throws {
        let c = try certificates()
        let s = try server("good")
        defer { s.stop() }
        for path in ["/big", "/big-chunked"] {
            let started = Date()
            guard case .failure(let e) = get("\(s.base)\(path)", ca: c.caFile) else { Issue.record("read \(path)"); return }
            #expect(e.kind == .tooLarge, "\(path): \(e)")
            #expect(e.reason.contains("over the 64 KB limit"), "\(e.reason)")
            #expect(Date().timeIntervalSince(started) < 4)
        }
        guard case .failure(let e) = get("\(s.base)/big", ca: c.caFile) else { return }
        #expect(e.reason == "a body of 10 MB over the 64 KB limit, not read")
    }

    @Test func aSlowServerTimesOutWithinTheDeadline() throws {
        let s = try server(nil)
        defer { s.stop() }
        let started = Date()
        guard case .failure(let e) = get("\(s.base)/slow", ca: nil, timeout: 0.5) else { Issue.record("answered"); return }
        #expect(e.kind == .timeout && e.reason.hasPrefix("timed out"), "\(e.reason)")
        #expect(Date().timeIntervalSince(started) < 2)
    }

    @Test func postWithABearerTokenAndTheTokenNeverInAnError() throws {
        let c = try certificates()
        let s = try server("good")
        defer { s.stop() }
        let token = "tok-\(UUID().uuidString)"
        let req = HTTPRequest(method: "POST", url: "\(s.base)/echo", headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")],
                              body: Array("{\"requests\":[]}".utf8), timeout: 5, caFile: c.caFile)
        let r = try HTTPClient.send(req).get()
        let echo = try #require(try JSONSerialization.jsonObject(with: Data(r.bytes)) as? [String: Any])
        #expect(echo["method"] as? String == "POST" && echo["authorization"] as? String == "Bearer \(token)")
        #expect(echo["body"] as? String == "{\"requests\":[]}")
        // A URL's query (it may hold a token) is left out of messages.
        guard case .failure(let e) = HTTPClient.send(HTTPRequest(url: "\(s.base)/loop-a?key=\(token)", caFile: c.caFile)) else { return }
        #expect(!e.message.contains(token) && !e.reason.contains(token))
    }
}
