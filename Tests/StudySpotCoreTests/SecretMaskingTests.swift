import Testing
@testable import StudySpotCore

@Suite struct SecretMaskingTests {
    @Test(arguments: [
        ("postgresql://app:s3cr%40t@db.example:5432/x?sslmode=require", "postgresql://app:•••@db.example:5432/x?sslmode=require"),
        ("redis://:hunter22@127.0.0.1:6381/0", "redis://:•••@127.0.0.1:6381/0"),
        ("host=127.0.0.1 password=hunter22 user=x", "host=127.0.0.1 password=••• user=x"),
        ("host=h password = 'a b\\' c' user=x", "host=h password = ••• user=x"),
        ("postgresql://h/db?user=u&password=pw&sslmode=disable", "postgresql://h/db?user=u&password=•••&sslmode=disable"),
        ("password=only", "password=•••"),
        ("host=h user=passwordless", "host=h user=passwordless"),
        ("redis://127.0.0.1:6379/0", "redis://127.0.0.1:6379/0"),
    ])
    func masksPasswords(input: String, expected: String) {
        #expect(SecretMasking.masked(input) == expected)
    }

    @Test func redactsKnownSecretsAnywhere() {
        let text = "FATAL: password authentication failed for user \"x\" (hunter22)"
        #expect(!SecretMasking.redacting(text, secrets: ["hunter22"]).contains("hunter22"))
    }
}
