import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The stack's password: generated at the first `up`, kept in the stack folder
/// with mode 0600, reused afterwards. Letters and digits only, so it needs no
/// quoting in a libpq string, a Redis URL or a Redis config.
enum LocalStackSecret {
    static let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")

    static func generate(length: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// Reads the password at `path`, or creates one there if `mayCreate`.
    static func loadOrCreate(at path: String, mayCreate: Bool, stackDirectory: String) throws -> String {
        if let text = FileSystem.read(path) {
            let password = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !password.isEmpty, password.allSatisfy({ $0.isLetter || $0.isNumber }) else {
                throw LocalStackError.filesystem(path: path, reason: "is not a password this stack wrote; restore it or remove \(stackDirectory) to start afresh")
            }
            return password
        }
        guard mayCreate else {
            throw LocalStackError.filesystem(path: path, reason: "is missing, but the stack has data made with it; restore it or remove \(stackDirectory) to start afresh")
        }
        let password = generate()
        try FileSystem.write(password + "\n", to: path, mode: 0o600)
        return password
    }

    /// Reads it if present, for `status` (which never creates anything).
    static func load(at path: String) -> String? {
        FileSystem.read(path)?.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
