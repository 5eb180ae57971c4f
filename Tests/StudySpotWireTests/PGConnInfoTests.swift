import Testing
import StudySpotCore
@testable import StudySpotWire

/// `config check` reads each DSN with libpq's own parser, secrets masked.
@Suite struct PGConnInfoTests {
    static let secret = "Hunter2-s3cret"

    @Test func parsesKeywordsAndURIs() throws {
        let kw = try PGConnInfo.check("host=db.example port=5432 dbname=studyspot user=console password='a b'").get()
        #expect(kw["host"] == "db.example" && kw["port"] == "5432" && kw["password"] == "a b")
        let uri = try PGConnInfo.check("postgresql://console:pw@db.example:6543/studyspot?sslmode=require").get()
        #expect(uri["host"] == "db.example" && uri["port"] == "6543" && uri["dbname"] == "studyspot" && uri["sslmode"] == "require")
    }

    @Test(arguments: [
        ("host=db.example password='\(secret)", "unterminated quoted string in connection info string"),
        ("host=db.example hots=x password=\(secret)", #"invalid connection option "hots""#),
        ("host=db.example dbname", #"missing "=" after "dbname" in connection info string"#),
        ("postgresql://u:\(secret)@db.example/studyspot?sslmod=require", #"invalid URI query parameter: "sslmod""#),
    ])
    func libpqSaysWhatIsWrong(_ dsn: String, _ expected: String) {
        guard case .failure(let error) = PGConnInfo.check(dsn) else { Issue.record("parsed: \(dsn)"); return }
        #expect(error.message == expected)
        #expect(!error.message.contains(Self.secret))
    }

    /// A message that quotes a piece of the DSN never shows any of the password.
    @Test(arguments: [
        "host=h password=\(secret) more",            // libpq: missing "=" after "more"
        "host=h password=\(secret)x y",
        "password = '\(secret)' bad",
        "postgresql://u:\(secret)@[::1/studyspot",   // the whole URI is quoted back
        "postgresql://u@h/db?password=\(secret)%zz",
    ])
    func secretsInQuotedFragmentsAreMasked(_ dsn: String) {
        guard case .failure(let error) = PGConnInfo.check(dsn) else { Issue.record("parsed"); return }
        #expect(!error.message.contains(Self.secret), "\(error.message)")
        #expect(!error.message.contains("s3cret"), "\(error.message)")
    }
}
