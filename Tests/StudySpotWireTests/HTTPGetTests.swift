@testable import StudySpotWire
import Testing

@Suite struct HTTPGetTests {
    @Test(arguments: ["https://x/health", "ftp://x", "http://:80/", "http://user:pw@h:1/", "http://h:99999/"])
    func badURLsAreRefused(url: String) {
        guard case .failure(let e) = HTTPGet.get(url, timeout: 0.5) else { Issue.record("accepted \(url)"); return }
        #expect(e.kind == .badURL)
    }

    @Test func parsesPartialAndCompleteResponses() {
        let head = Array("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab".utf8)
        #expect(HTTPGet.parse(head)?.complete == false)
        #expect(HTTPGet.parse(head + Array("cde".utf8))?.complete == true)
        #expect(HTTPGet.parse(Array("garbage\r\n\r\n".utf8)) == nil)
    }
}
