import Foundation

/// The local CA and the instances' certificate for `stack up
/// --https-instances`, made with the `openssl` CLI in `<stack>/tls`:
/// `ca.pem` (what the config's `ca_file` names), `instance.pem` and
/// `instance.key` (what `simulate` serves the instances with; valid for
/// 127.0.0.1 and localhost). Kept across `up`s while the certificate has
/// more than 30 days left.
enum LocalStackTLS {
    static func folder(_ paths: LocalStackPaths) -> String { paths.root + "/tls" }
    static func caFile(_ paths: LocalStackPaths) -> String { folder(paths) + "/ca.pem" }

    static func ensure(_ paths: LocalStackPaths) throws {
        let dir = folder(paths)
        let cert = dir + "/instance.pem"
        if FileManager.default.fileExists(atPath: caFile(paths)), FileManager.default.fileExists(atPath: dir + "/instance.key"),
           (try? openssl(["x509", "-in", cert, "-noout", "-checkend", String(30 * 86_400)])) != nil {
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw LocalStackError.filesystem(path: dir, reason: error.localizedDescription)
        }
        try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3650", "-subj", "/CN=StudySpot local CA",
                     "-keyout", dir + "/ca.key", "-out", caFile(paths)])
        try openssl(["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                     "-keyout", dir + "/instance.key", "-out", dir + "/instance.csr"])
        let ext = dir + "/instance.ext"
        do {
            try "subjectAltName=DNS:localhost,IP:127.0.0.1\n".write(toFile: ext, atomically: true, encoding: .utf8)
        } catch {
            throw LocalStackError.filesystem(path: ext, reason: error.localizedDescription)
        }
        try openssl(["x509", "-req", "-in", dir + "/instance.csr", "-CA", caFile(paths), "-CAkey", dir + "/ca.key",
                     "-CAcreateserial", "-days", "397", "-extfile", ext, "-out", cert])
        chmod(dir + "/instance.key", 0o600)
        chmod(dir + "/ca.key", 0o600)
    }

    @discardableResult
    private static func openssl(_ args: [String]) throws -> String {
        let tool = ["/usr/bin/openssl", "/usr/local/bin/openssl"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let tool else { throw LocalStackError.missingProgram("openssl", hint: "apt-get install openssl") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        do { try p.run() } catch { throw LocalStackError.missingProgram("openssl", hint: "\(error)") }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw LocalStackError.commandFailed(command: "openssl \(args.first ?? "")", status: p.terminationStatus, output: String(decoding: data, as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self)
    }
}
