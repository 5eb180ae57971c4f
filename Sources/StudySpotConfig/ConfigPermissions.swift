import Foundation
import TOMLParser

extension ConfigLoader {
    /// Refuses a config file that holds a password written out (not a
    /// `${VARIABLE}`) and that the group or other users can read.
    /// Returns nil when the file is fine, unreadable or holds no password.
    public static func checkPermissions(path: String, text: String? = nil) -> ConfigProblem? {
        // The mode that matters is the file's, not a symlink's (always 777).
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: resolved) else { return nil }
        let mode: Int
        if let number = attributes[.posixPermissions] as? NSNumber {
            mode = number.intValue
        } else if let value = attributes[.posixPermissions] as? Int {
            mode = value
        } else {
            return nil
        }
        guard mode & 0o044 != 0 else { return nil }
        guard let text = text ?? FileManager.default.contents(atPath: path).flatMap({ String(data: $0, encoding: .utf8) }),
              holdsPassword(text: text) else { return nil }
        let octal = String(mode & 0o777, radix: 8)
        return ConfigProblem(
            file: path, line: nil, keyPath: "",
            message: "holds a password and can be read by other users (mode \(octal)); run: chmod 600 \(path)")
    }

    /// True when some `password`, `dsn` or `url` value in the document holds a
    /// literal secret rather than a `${VARIABLE}` reference.
    public static func holdsPassword(text: String) -> Bool {
        guard let root = try? TOML.parse(text) else {
            // Unparseable: judge by the raw text so a broken file is not waved through.
            return text.range(of: #"password\s*=\s*['"]?[^\s'"$]"#, options: [.regularExpression, .caseInsensitive]) != nil
                || text.range(of: #"://[^/@\s:]*:[^@/\s$]+@"#, options: .regularExpression) != nil
        }
        return holdsPassword(table: root, depth: 0)
    }

    private static func holdsPassword(table: TOMLTable, depth: Int) -> Bool {
        guard depth < 8 else { return false }
        for (key, node) in table.entries {
            switch node.value {
            case .string(let value):
                if key == "password" || key == "token", !value.isEmpty, !Interpolation.isOnlyReference(value[...]) { return true }
                if ["dsn", "url"].contains(key), stringHoldsSecret(value) { return true }
            case .table(let sub):
                if holdsPassword(table: sub, depth: depth + 1) { return true }
            case .array(let elements):
                for element in elements {
                    if case .table(let sub) = element.value, holdsPassword(table: sub, depth: depth + 1) { return true }
                }
            default:
                continue
            }
        }
        return false
    }

    /// `password=secret` in a libpq string, or `scheme://user:secret@` in a URI.
    static func stringHoldsSecret(_ value: String) -> Bool {
        if let range = value.range(of: #"password\s*=\s*('[^']*'|[^\s&;]*)"#, options: [.regularExpression, .caseInsensitive]) {
            let assignment = value[range]
            if let equals = assignment.firstIndex(of: "=") {
                let secret = assignment[assignment.index(after: equals)...]
                    .trimmingCharacters(in: CharacterSet(charactersIn: " '"))
                if !secret.isEmpty, !Interpolation.isOnlyReference(secret[...]) { return true }
            }
        }
        if let range = value.range(of: #"://[^/@\s]*@"#, options: .regularExpression) {
            let userinfo = value[range].dropFirst(3).dropLast()
            if let colon = userinfo.firstIndex(of: ":") {
                let secret = userinfo[userinfo.index(after: colon)...]
                if !secret.isEmpty, !Interpolation.isOnlyReference(secret) { return true }
            }
        }
        return false
    }
}
