import Foundation
import StudySpotCore
import StudySpotWire

/// What a TLS check learnt of an instance's certificate.
public struct CertificateStatus: Sendable, Equatable {
    public var daysLeft: Int
    public var subject: String
    public init(daysLeft: Int, subject: String) { self.daysLeft = daysLeft; self.subject = subject }
}

/// Checks one API instance: `GET {url}/health` answers 2xx in time.
public struct InstanceDoctor: Sendable {
    public var timeoutSeconds: Double
    /// Certificate findings from elsewhere (tests); the `/health` request's
    /// own certificate is judged whatever this says.
    public var certificate: @Sendable (InstanceConfig) -> CertificateStatus?
    /// Fewer days left than this is a warning; an expired certificate is critical.
    public var certificateWarningDays = 14

    public init(timeoutSeconds: Double = 5, certificate: @escaping @Sendable (InstanceConfig) -> CertificateStatus? = { _ in nil }) {
        self.timeoutSeconds = timeoutSeconds
        self.certificate = certificate
    }

    public func check(_ instance: InstanceConfig) -> [DoctorFinding] {
        func finding(_ s: Severity, _ problem: String, fix: String? = nil) -> DoctorFinding {
            DoctorFinding(.instance, instance.name, s, problem, fix: fix)
        }
        var findings: [DoctorFinding] = []
        if let cert = certificate(instance) {
            if cert.daysLeft < 0 {
                findings.append(finding(.critical, "certificate of \(cert.subject) expired \(-cert.daysLeft) day(s) ago", fix: "renew it"))
            } else if cert.daysLeft < certificateWarningDays {
                findings.append(finding(.warning, "certificate of \(cert.subject) expires in \(cert.daysLeft) day(s)", fix: "renew it before then"))
            }
        }
        var base = instance.url
        while base.hasSuffix("/") { base.removeLast() }
        let result = HTTPClient.send(HTTPRequest(url: base + "/health", timeout: timeoutSeconds, caFile: instance.caFile))
        if case .success(let r) = result, let end = r.certificateExpiresAt {
            let days = Int((end.timeIntervalSinceNow / 86_400).rounded(.down))
            if days < certificateWarningDays {
                findings.append(finding(.warning, "certificate expires in \(days) day(s)", fix: "renew it before then"))
            }
        }
        switch result {
        case .failure(let e) where e.kind == .badURL:
            findings.append(finding(.unknown, "not checked: \(e.message)", fix: "an instance url is http(s)://host[:port]"))
        case .failure(let e) where e.kind == .tls:
            findings.append(finding(.critical, "TLS: \(e.reason)",
                                    fix: "renew or fix the certificate, or name the private CA with ca_file"))
        case .failure(let e) where e.kind == .timeout && instance.sleeps:
            findings.append(finding(.warning, "/health did not answer within \(Int(timeoutSeconds)) s; it sleeps when idle, so this may be a cold start",
                                    fix: "run doctor again in a minute; if it still does not answer, check the provider's dashboard"))
        case .failure(let e):
            findings.append(finding(.critical, "/health not answering: \(e.message)",
                                    fix: e.kind == .refused ? "is the instance deployed and the url's host and port right?" : "check the instance's logs and the url"))
        case .success(let r) where !(200..<300).contains(r.status):
            findings.append(finding(.critical, "/health answered HTTP \(r.status)", fix: "check the instance's logs"))
        case .success(let r):
            if r.body.contains("\"degraded\"") {
                findings.append(finding(.warning, "/health says degraded", fix: "check the instance's logs"))
            }
            if findings.isEmpty {
                findings.append(finding(.ok, "/health answered \(r.status) in \(Int(r.latency * 1000)) ms"))
            }
        }
        return findings
    }
}
