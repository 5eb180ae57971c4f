import Foundation

/// A statement parameter. Everything goes as text with an explicit cast in the
/// SQL where the type matters; `nil` in a parameter array is SQL NULL.
public protocol PGParameter: Sendable {
    var pgText: String { get }
}

extension String: PGParameter { public var pgText: String { self } }
extension Int: PGParameter { public var pgText: String { String(self) } }
extension Int64: PGParameter { public var pgText: String { String(self) } }
extension Int32: PGParameter { public var pgText: String { String(self) } }
extension Double: PGParameter { public var pgText: String { String(self) } }
extension Bool: PGParameter { public var pgText: String { self ? "true" : "false" } }
extension Date: PGParameter {
    /// RFC 3339 in UTC with microseconds: exact for timestamptz.
    public var pgText: String { PGTimestamp.format(self) }
}

/// Text-format timestamptz parsing and formatting. Sessions are opened with
/// `DateStyle=ISO` and `TimeZone=UTC`, so the server always answers as
/// `2026-11-25 19:52:46.123456+00`.
public enum PGTimestamp {
    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    /// The same parse over the value's bytes where libpq holds them (the
    /// start-up reads decode tens of thousands of rows: no copy, no allocation).
    public static func parse(bytes utf8: UnsafeBufferPointer<UInt8>) -> Date? {
        // timestamptz takes 'infinity' and '-infinity'; the platform may write them.
        if utf8.elementsEqual("infinity".utf8) { return .distantFuture }
        if utf8.elementsEqual("-infinity".utf8) { return .distantPast }
        guard utf8.count >= 19 else { return nil }
        func num(_ from: Int, _ len: Int) -> Int? {
            var v = 0
            for i in from..<(from + len) {
                guard i < utf8.count, utf8[i] >= 48, utf8[i] <= 57 else { return nil }
                v = v * 10 + Int(utf8[i] - 48)
            }
            return v
        }
        // Years past 9999 (timestamptz goes to 294276) have more digits: shift by them.
        var o = 0
        while o < 3, 4 + o < utf8.count, utf8[4 + o] >= 48, utf8[4 + o] <= 57 { o += 1 }
        guard var year = num(0, 4 + o), let month = num(5 + o, 2), let day = num(8 + o, 2),
              let hour = num(11 + o, 2), let minute = num(14 + o, 2), let second = num(17 + o, 2) else { return nil }
        if utf8.count > 3, utf8[utf8.count - 3] == 32, utf8[utf8.count - 2] == 66, utf8[utf8.count - 1] == 67 { year = 1 - year } // " BC"
        var i = 19 + o
        var fraction = 0.0
        if i < utf8.count, utf8[i] == UInt8(ascii: ".") {
            i += 1
            var scale = 0.1
            while i < utf8.count, utf8[i] >= 48, utf8[i] <= 57 {
                fraction += Double(utf8[i] - 48) * scale
                scale /= 10
                i += 1
            }
        }
        var offsetSeconds = 0
        if i < utf8.count, utf8[i] == UInt8(ascii: "+") || utf8[i] == UInt8(ascii: "-") {
            let sign = utf8[i] == UInt8(ascii: "-") ? -1 : 1
            // hh[:mm[:ss]]; a part that is not all digits counts 0 (as `Int(part) ?? 0` did).
            var h = 0, m = 0, sec = 0, part = 0, value = 0, digitsOnly = true, empty = true
            func close() {
                let v = digitsOnly && !empty ? value : 0
                switch part { case 0: h = v; case 1: m = v; case 2: sec = v; default: break }
            }
            for b in utf8[(i + 1)...] {
                if b == UInt8(ascii: ":") {
                    close()
                    part += 1; value = 0; digitsOnly = true; empty = true
                } else if b >= 48, b <= 57, value < 1_000_000_000 {
                    value = value * 10 + Int(b - 48); empty = false
                } else {
                    digitsOnly = false; empty = false
                }
            }
            close()
            offsetSeconds = sign * (h * 3600 + m * 60 + sec)
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Double(days * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds) + fraction
        return Date(timeIntervalSince1970: seconds)
    }

    public static func format(_ date: Date) -> String {
        let t = date.timeIntervalSince1970
        var whole = Int(t.rounded(.down))
        var micros = Int(((t - Double(whole)) * 1_000_000).rounded())
        if micros == 1_000_000 { whole += 1; micros = 0 }
        let days = whole >= 0 ? whole / 86400 : (whole - 86399) / 86400
        let secs = whole - days * 86400
        let (y, m, d) = civilFromDays(days)
        func pad(_ v: Int, _ n: Int) -> String {
            let s = String(v); return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secs / 3600, 2)):\(pad(secs / 60 % 60, 2)):\(pad(secs % 60, 2)).\(pad(micros, 6))Z"
    }

    // Howard Hinnant's civil-date algorithms: no calendar objects on hot paths.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
