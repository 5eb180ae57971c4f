import Foundation
import StudySpotCore

/// A GET through `HTTPClient` for health probes: a hard deadline for the
/// whole exchange and a small body (a /health answer is a few hundred bytes).
public enum HTTPGet {
    public static let maxBody = 64 * 1024

    public static func get(_ urlText: String, timeout: Double, caFile: String? = nil, maxBody: Int = maxBody,
                           costTarget: CostTarget? = nil) -> Result<HTTPResponse, HTTPError> {
        HTTPClient.send(HTTPRequest(url: urlText, timeout: timeout, caFile: caFile, maxBody: maxBody), costTarget: costTarget)
    }
}
