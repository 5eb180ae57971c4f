import Foundation
import StudySpotCore
import StudySpotWire

/// Checks one Redis cache: reachable, TLS and a password off loopback.
public struct CacheDoctor: Sendable {
    public var timeoutSeconds: Double

    public init(timeoutSeconds: Double = 3) { self.timeoutSeconds = timeoutSeconds }

    public func check(_ cache: CacheConfig) -> [DoctorFinding] {
        func finding(_ s: Severity, _ problem: String, fix: String? = nil) -> DoctorFinding {
            DoctorFinding(.cache, cache.name, s, problem, fix: fix)
        }
        let url: RedisURL
        do { url = try RedisURL(parsing: cache.url) } catch {
            return [finding(.critical, error.description, fix: "a cache url is redis://[:password@]host:port/db or rediss://…")]
        }
        var findings: [DoctorFinding] = []
        let address = "\(url.host):\(url.port)"
        if !url.isLoopback && !url.tls {
            findings.append(finding(.critical, "TLS off: redis:// sends \(url.password == nil ? "" : "the password and ")every key in clear to \(address)",
                                    fix: "use rediss:// with the provider's TLS endpoint"))
        }
        let started = Date()
        let conn: RedisConnection
        do {
            conn = try RedisConnection(url: cache.url, timeoutSeconds: timeoutSeconds)
        } catch {
            let m = error.message.lowercased()
            let fix: String
            if m.contains("wrongpass") || m.contains("invalid password") || m.contains("invalid username") { fix = "check the user and password in url" }
            else if m.contains("certificate") || m.contains("ssl") || m.contains("tls") { fix = "the server's certificate did not verify: check the host name, or name its CA with ?ssl_ca_certs=" }
            else if m.contains("refused") { fix = "is the server running, and is the port in url right?" }
            else { fix = "check the host and port in url, and any firewall between here and there" }
            findings.append(finding(.critical, "unreachable: \(error.message)", fix: fix))
            return findings
        }
        defer { conn.close() }
        do {
            let reply = try conn.command(["PING"])
            if case .error(let e) = reply {
                if e.uppercased().hasPrefix("NOAUTH") {
                    findings.append(finding(.critical, "the server wants a password and url gives none",
                                            fix: "add it: \(url.tls ? "rediss" : "redis")://:${REDIS_PASSWORD}@\(address)/\(url.database)"))
                } else {
                    findings.append(finding(.critical, "PING answered: \(e)", fix: "check the server's log"))
                }
                return findings
            }
        } catch {
            findings.append(finding(.critical, "unreachable: \(error.message)", fix: "check the host and port in url"))
            return findings
        }
        if url.password == nil && !url.isLoopback {
            findings.append(finding(.critical, "no password: \(address) answers anyone who reaches it",
                                    fix: "turn on the provider's authentication and put the password in url (${REDIS_PASSWORD})"))
        }
        if findings.isEmpty {
            let ms = Int(Date().timeIntervalSince(started) * 1000)
            findings.append(finding(.ok, "reachable in \(ms) ms, " + (url.isLoopback ? "loopback" : "TLS, password")))
        }
        return findings
    }
}
