import Foundation

/// The zone the console shows times in: the system's (`TZ`, else
/// /etc/localtime), read from its TZif file instead of `TimeZone.current`,
/// which looks the zone up by name through ICU and so makes megabytes of
/// ICU's code and data resident (Benchmarks/README.md, the footprint's
/// memory section). A zone without daylight saving from its last transition
/// on (Etc/UTC, Asia/Kolkata, most of the world) becomes a fixed-offset
/// `TimeZone`, which Foundation answers without ICU; a zone with daylight
/// saving is still Foundation's by name, so its times stay right.
public struct DisplayZone: Sendable {
    public var zone: TimeZone
    /// Why the zone is not the system's own, or costs ICU; nil when all is well.
    public var note: String?

    public static let utc = TimeZone(secondsFromGMT: 0)!

    /// Read once per process.
    public static let current = DisplayZone.resolve(
        tz: ProcessInfo.processInfo.environment["TZ"],
        localtimeTarget: try? FileManager.default.destinationOfSymbolicLink(atPath: "/etc/localtime"),
        read: { path in FileManager.default.contents(atPath: path).map { [UInt8]($0) } },
        named: { TimeZone(identifier: $0) })

    static let zoneinfo = "/usr/share/zoneinfo/"

    /// The display zone from `TZ`'s value (nil: unset), where /etc/localtime
    /// points, a file reader and a by-name lookup (ICU; only for zones with
    /// daylight saving). glibc's reading of `TZ`: empty is UTC, ":" may
    /// lead, a path is a file, a name is under /usr/share/zoneinfo, and
    /// otherwise it is a POSIX TZ string.
    public static func resolve(tz: String?, localtimeTarget: String?,
                               read: (String) -> [UInt8]?, named: (String) -> TimeZone?) -> DisplayZone {
        let path: String
        let name: String?
        if var value = tz {
            if value.hasPrefix(":") { value.removeFirst() }
            if value.isEmpty { return DisplayZone(zone: utc) }
            if value.hasPrefix("/") {
                path = value
                name = zoneName(fromPath: value)
            } else if value.split(separator: "/").contains("..") {
                return DisplayZone(zone: utc, note: "display zone: TZ=\(value) is not a zone name; showing UTC")
            } else if read(zoneinfo + value) == nil, let offset = PosixTZ.fixedOffset(value) {
                return fixed(offset, "TZ=\(value)")
            } else {
                path = zoneinfo + value
                name = value
            }
        } else {
            path = "/etc/localtime"
            name = localtimeTarget.flatMap(zoneName(fromPath:))
        }
        guard let bytes = read(path) else {
            return DisplayZone(zone: utc, note: "display zone: cannot read \(path); showing UTC")
        }
        guard let tzif = TZif.parse(bytes) else {
            return DisplayZone(zone: utc, note: "display zone: \(path) is not a TZif zone file; showing UTC")
        }
        if let offset = tzif.fixedOffsetAfterLastTransition { return fixed(offset, path) }
        if let name, let zone = named(name) {
            return DisplayZone(zone: zone, note: "display zone \(name) has daylight saving: its offsets come from Foundation (ICU)")
        }
        return DisplayZone(zone: utc, note: "display zone: \(path) has daylight saving and no zone name to look it up by; showing UTC")
    }

    private static func fixed(_ offset: Int, _ source: String) -> DisplayZone {
        guard let zone = TimeZone(secondsFromGMT: offset) else {
            return DisplayZone(zone: utc, note: "display zone: \(source) has an offset of \(offset) s, beyond ±18 h; showing UTC")
        }
        return DisplayZone(zone: zone)
    }

    /// "Europe/Berlin" from "/usr/share/zoneinfo/Europe/Berlin" (or "../usr/share/zoneinfo/…").
    static func zoneName(fromPath path: String) -> String? {
        guard let r = path.firstRange(of: "zoneinfo/") else { return nil }
        let name = String(path[r.upperBound...])
        return name.isEmpty ? nil : name
    }
}
