@testable import StudySpotWire
import Testing

@Suite struct HTTPGetTests {
    @Test(arguments: ["ftp://x", "http://:80/", "http://user:pw@h:1/", "https://user:pw@h:1/", "http://h:99999/", "http://h/a b"])
    func badURLsAreRefused(url: String) {
        guard case .failure(let e) = HTTPGet.get(url, timeout: 0.5) else { Issue.record("accepted \(url)"); return }
        #expect(e.kind == .badURL)
        #expect(!e.message.contains("pw"))
    }

    @Test func aBadURLsQueryIsNotShown() {
        guard case .failure(let e) = HTTPGet.get("ftp://h/x?token=s3cret", timeout: 0.5) else { Issue.record("accepted"); return }
        #expect(!e.message.contains("s3cret"), "\(e.message)")
    }

    @Test func parsesPartialAndCompleteResponses() {
        let head = Array("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab".utf8)
        #expect(HTTPHead.parse(head)?.isComplete(head) == false)
        let whole = head + Array("cde".utf8)
        #expect(HTTPHead.parse(whole)?.isComplete(whole) == true)
        #expect(HTTPHead.parse(Array("garbage\r\n\r\n".utf8)) == nil)
    }

    @Test func decodesChunkedBodies() {
        let body = Array("4\r\nWiki\r\n5;x=1\r\npedia\r\n0\r\n\r\n".utf8)
        #expect(HTTPHead.dechunk(body).map { String(decoding: $0, as: UTF8.self) } == "Wikipedia")
        #expect(HTTPHead.dechunk(Array("4\r\nWi".utf8)) == nil)
    }

    @Test func resolvesRedirectLocations() throws {
        let u = try #require(HTTPURL("https://api.example:8443/v1/health?token=s3cret"))
        #expect(u.display == "https://api.example:8443/v1/health")
        #expect(u.resolve("/other") == "https://api.example:8443/other")
        #expect(u.resolve("next") == "https://api.example:8443/v1/next")
        #expect(u.resolve("http://b.example/x") == "http://b.example/x")
        #expect(HTTPURL("https://[::1]:9/")?.host == "::1")
    }
}
