import StudySpotCore

/// The bytes a notice sends to the terminal: BEL, and the desktop
/// notification escape `[notify]` names. Alert text comes from data (shard
/// errors, instance names), so every control character is taken out before
/// it goes inside an escape, where it could end the sequence early and
/// start another.
public enum NotifyEscape {
    static let bel: UInt8 = 0x07
    /// Terminals cut long notifications anyway; a bounded escape cannot flood the tty.
    static let maxScalars = 240

    public static func bytes(title: String, body: String, settings: NotifySettings) -> [UInt8] {
        var out: [UInt8] = []
        switch settings.desktop {
        case .off: break
        case .osc9:
            out += Array("\u{1B}]9;".utf8) + Array(clean(title + ": " + body).utf8) + [bel]
        case .osc777:
            // Fields are split on ';': the title must not hold one (the body is the last field).
            out += Array("\u{1B}]777;notify;".utf8) + Array(clean(title).replacingOccurrences(of: ";", with: ",").utf8)
                + Array(";".utf8) + Array(clean(body).utf8) + [bel]
        }
        if settings.bell { out.append(bel) }
        return out
    }

    /// The text without C0, DEL, C1 or bidi controls, shortened to `maxScalars`.
    static func clean(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            let v = u.value
            if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
                out.append(" ")
            } else {
                out.append(u)
            }
            if out.count >= maxScalars { out.append("…"); break }
        }
        return String(out)
    }
}
