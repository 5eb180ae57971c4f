import Foundation
import StudySpotCore
#if canImport(Glibc)
import Glibc
#endif

/// What an HTTP POST got back: the status and the body.
public struct HranaHTTPReply: Sendable {
    public var status: Int
    public var body: [UInt8]
    public init(status: Int, body: [UInt8]) { self.status = status; self.body = body }
}

/// The one thing the Hrana client needs from HTTP: a POST with a deadline.
/// `HTTPClientTransport` is the project's shared HTTP(S) client; the seam
/// stays so the client's tests can count or cut what goes over the wire.
public protocol HranaTransport: Sendable {
    /// POSTs `body` to `url` (`http://` or `https://`, path included) within
    /// `timeout` seconds for the whole exchange; the error's description says
    /// what failed (refused, timed out, cut short), without secrets.
    func post(url: String, body: [UInt8], headers: [(String, String)], timeout: Double) -> Result<HranaHTTPReply, any Error>
}

/// Hrana over the project's one HTTP(S) client (`HTTPClient`): TLS verified
/// against the system trust store with SNI for `https://` (and `libsql://`,
/// which `HranaClient` reads as https), one deadline for the exchange, a
/// bounded body.
public struct HTTPClientTransport: HranaTransport {
    /// Largest body read; a catalog read of 5,000 libraries is well under it.
    public static let maxBody = 16 * 1024 * 1024

    public init() {}

    public func post(url: String, body: [UInt8], headers: [(String, String)], timeout: Double) -> Result<HranaHTTPReply, any Error> {
        let request = HTTPRequest(method: "POST", url: url, headers: headers.map { (name: $0.0, value: $0.1) },
                                  body: body, timeout: timeout, maxBody: Self.maxBody, maxRedirects: 0)
        switch HTTPClient.send(request) {
        case .success(let r): return .success(HranaHTTPReply(status: r.status, body: r.bytes))
        case .failure(let e): return .failure(e)
        }
    }
}
