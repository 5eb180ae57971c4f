/// What the console needs of a compiled zone file (RFC 8536, TZif): its
/// local time types, transitions, and the footer's POSIX TZ string that
/// rules every moment after the last transition. Read by hand so the
/// display zone is known without ICU (`DisplayZone`).
public struct TZif: Sendable, Equatable {
    public struct LocalType: Sendable, Equatable {
        public var utcOffset: Int
        public var isDST: Bool
    }
    /// Seconds since 1970, ascending.
    public var transitions: [Int64]
    /// The local time type index in effect from each transition on.
    public var transitionTypes: [Int]
    public var types: [LocalType]
    /// The footer (version 2 and later), e.g. "IST-5:30", "CET-1CEST,M3.5.0,M10.5.0/3"; nil in version 1.
    public var footer: String?

    /// Parses the file's bytes; nil when they are not a well-formed TZif file.
    public static func parse(_ bytes: [UInt8]) -> TZif? {
        var r = Reader(bytes: bytes)
        guard let v1 = r.header() else { return nil }
        guard v1.version >= 2 else { return r.block(v1, timeSize: 4, footer: false) }
        guard r.skip(v1.blockSize(timeSize: 4)), let v2 = r.header() else { return nil }
        return r.block(v2, timeSize: 8, footer: true)
    }

    /// The UTC offset from the last transition on, when it never changes
    /// again: the footer names a zone without daylight saving (or, in a
    /// version 1 file, there is a single local time type).
    public var fixedOffsetAfterLastTransition: Int? {
        if let footer { return PosixTZ.fixedOffset(footer) }
        return types.count == 1 ? types[0].utcOffset : nil
    }

    private struct Header {
        var version: Int
        var isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt: Int
        func blockSize(timeSize: Int) -> Int {
            timecnt * timeSize + timecnt + typecnt * 6 + charcnt + leapcnt * (timeSize + 4) + isstdcnt + isutcnt
        }
    }

    private struct Reader {
        let bytes: [UInt8]
        var at = 0

        mutating func skip(_ n: Int) -> Bool {
            guard n >= 0, at + n <= bytes.count else { return false }
            at += n
            return true
        }

        mutating func int(_ size: Int) -> Int64? {
            guard at + size <= bytes.count else { return nil }
            var v: UInt64 = 0
            for i in 0..<size { v = v << 8 | UInt64(bytes[at + i]) }
            at += size
            // Sign-extend the big-endian two's complement value.
            let shift = UInt64(64 - 8 * size)
            return Int64(bitPattern: v << shift) >> Int64(shift)
        }

        mutating func header() -> Header? {
            guard at + 44 <= bytes.count, Array(bytes[at..<at + 4]) == Array("TZif".utf8) else { return nil }
            let versionByte = bytes[at + 4]
            let version = versionByte == 0 ? 1 : Int(versionByte) - Int(UInt8(ascii: "0"))
            guard version >= 1 else { return nil }
            at += 20
            var counts: [Int] = []
            for _ in 0..<6 {
                guard let c = int(4), c >= 0, c < 1 << 20 else { return nil }
                counts.append(Int(c))
            }
            guard counts[4] >= 1 else { return nil }
            return Header(version: version, isutcnt: counts[0], isstdcnt: counts[1], leapcnt: counts[2],
                          timecnt: counts[3], typecnt: counts[4], charcnt: counts[5])
        }

        mutating func block(_ h: Header, timeSize: Int, footer: Bool) -> TZif? {
            var transitions: [Int64] = []
            for _ in 0..<h.timecnt {
                guard let t = int(timeSize) else { return nil }
                transitions.append(t)
            }
            var transitionTypes: [Int] = []
            for _ in 0..<h.timecnt {
                guard let i = int(1), i >= 0, Int(i) < h.typecnt else { return nil }
                transitionTypes.append(Int(i))
            }
            var types: [LocalType] = []
            for _ in 0..<h.typecnt {
                guard let off = int(4), let dst = int(1), skip(1) else { return nil }
                types.append(LocalType(utcOffset: Int(off), isDST: dst != 0))
            }
            guard skip(h.charcnt + h.leapcnt * (timeSize + 4) + h.isstdcnt + h.isutcnt) else { return nil }
            var text: String?
            if footer {
                // "\n" TZ string "\n".
                guard at < bytes.count, bytes[at] == 10,
                      let end = bytes[(at + 1)...].firstIndex(of: 10) else { return nil }
                text = String(decoding: bytes[(at + 1)..<end], as: UTF8.self)
            }
            return TZif(transitions: transitions, transitionTypes: transitionTypes, types: types, footer: text)
        }
    }
}

/// POSIX TZ strings ("UTC0", "IST-5:30", "<+0530>-5:30", "EST5EDT,M3.2.0,M11.1.0"),
/// as far as the console needs them: the offset of a zone without daylight saving.
public enum PosixTZ {
    /// The UTC offset (east positive) when `s` names a standard time and no
    /// daylight saving; nil when it has a DST part or is not a TZ string.
    public static func fixedOffset(_ s: String) -> Int? {
        var u = Substring(s).unicodeScalars[...]
        // The name: three or more letters, or anything but '>' in angle brackets.
        if u.first == "<" {
            guard let close = u.firstIndex(of: ">") else { return nil }
            guard u.distance(from: u.startIndex, to: close) >= 4 else { return nil }
            u = u[u.index(after: close)...]
        } else {
            let name = u.prefix { ("A"..."Z").contains($0) || ("a"..."z").contains($0) }
            guard name.count >= 3 else { return nil }
            u = u.dropFirst(name.count)
        }
        // The offset: [+-]hh[:mm[:ss]], west of Greenwich positive.
        var sign = 1
        if u.first == "+" { u = u.dropFirst() } else if u.first == "-" { sign = -1; u = u.dropFirst() }
        var parts: [Int] = []
        while parts.count < 3 {
            let digits = u.prefix { ("0"..."9").contains($0) }
            guard !digits.isEmpty, digits.count <= 3 else { return nil }
            parts.append(digits.reduce(0) { $0 * 10 + Int($1.value) - 48 })
            u = u.dropFirst(digits.count)
            guard u.first == ":" else { break }
            u = u.dropFirst()
        }
        guard u.isEmpty, parts[0] <= 24, parts.dropFirst().allSatisfy({ $0 < 60 }) else { return nil }
        let west = parts[0] * 3600 + (parts.count > 1 ? parts[1] * 60 : 0) + (parts.count > 2 ? parts[2] : 0)
        return -sign * west
    }
}
