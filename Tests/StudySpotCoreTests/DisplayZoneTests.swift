import Foundation
import Testing
@testable import StudySpotCore

/// The display zone read from TZ or /etc/localtime by hand (TZif), so the
/// console never asks `TimeZone.current` (ICU). Read against the system's
/// own zone files; Foundation's named zones (ICU, fine in tests) are the reference.
@Suite("Display zone: TZ and /etc/localtime read from TZif without ICU")
struct DisplayZoneTests {
    static let zoneinfo = "/usr/share/zoneinfo/"

    func read(_ path: String) -> [UInt8]? { FileManager.default.contents(atPath: path).map { [UInt8]($0) } }

    func zoneFile(_ name: String) throws -> TZif {
        let bytes = try #require(read(Self.zoneinfo + name))
        return try #require(TZif.parse(bytes))
    }

    func resolve(tz: String?, localtime: String? = "/usr/share/zoneinfo/Etc/UTC",
                 localtimeFile: String = "/usr/share/zoneinfo/Etc/UTC") -> (DisplayZone, [String]) {
        var namedLookups: [String] = []
        let z = DisplayZone.resolve(tz: tz, localtimeTarget: localtime, read: { path in
            read(path == "/etc/localtime" ? localtimeFile : path)
        }, named: { namedLookups.append($0); return TimeZone(identifier: $0) })
        return (z, namedLookups)
    }

    @Test("TZif files: Etc/UTC and Asia/Kolkata have fixed offsets, Europe/Berlin has daylight saving")
    func tzifFiles() throws {
        let utc = try zoneFile("Etc/UTC")
        #expect(utc.footer == "UTC0" && utc.fixedOffsetAfterLastTransition == 0)
        let ist = try zoneFile("Asia/Kolkata")
        #expect(ist.footer == "IST-5:30" && ist.fixedOffsetAfterLastTransition == 19_800)
        #expect(ist.transitions.count == ist.transitionTypes.count && !ist.transitions.isEmpty)
        #expect(ist.transitions == ist.transitions.sorted())
        let berlin = try zoneFile("Europe/Berlin")
        #expect(berlin.fixedOffsetAfterLastTransition == nil)
        #expect(berlin.types.contains { $0.isDST && $0.utcOffset == 7_200 })
    }

    @Test("Every fixed-offset zone file gives the offset Foundation's named zone has today, for the next 30 years")
    func everyFixedZoneFile() throws {
        let names = try FileManager.default.subpathsOfDirectory(atPath: Self.zoneinfo)
            .filter { !$0.hasPrefix("posix") && !$0.hasPrefix("right") && !$0.contains(".") }
        var checked = 0, wrong: [String] = []
        for name in names {
            guard let bytes = read(Self.zoneinfo + name), let tzif = TZif.parse(bytes),
                  let offset = tzif.fixedOffsetAfterLastTransition, let named = TimeZone(identifier: name) else { continue }
            checked += 1
            let last = tzif.transitions.last ?? -2_208_988_800
            for t in stride(from: max(Double(last) + 1, 1_798_761_600), to: 2_745_532_800, by: 86_400 * 97 + 3_601)
            where named.secondsFromGMT(for: Date(timeIntervalSince1970: t)) != offset {
                wrong.append(name); break
            }
        }
        #expect(checked > 100, "fixed-offset zones checked: \(checked)")
        #expect(wrong.isEmpty, "\(wrong)")
    }

    @Test("Where TZ or /etc/localtime points decides the zone; fixed offsets without a lookup by name")
    func resolution() throws {
        let (fromLocaltime, l1) = resolve(tz: nil)
        #expect(fromLocaltime.zone.secondsFromGMT() == 0 && fromLocaltime.note == nil && l1.isEmpty)
        let (kolkata, l2) = resolve(tz: nil, localtime: "../usr/share/zoneinfo/Asia/Kolkata", localtimeFile: Self.zoneinfo + "Asia/Kolkata")
        #expect(kolkata.zone.secondsFromGMT(for: Date()) == 19_800 && kolkata.note == nil && l2.isEmpty)
        #expect(kolkata.zone.identifier != "Asia/Kolkata", "a zone by name makes Foundation load ICU")
        for tz in ["Asia/Kolkata", ":Asia/Kolkata", "/usr/share/zoneinfo/Asia/Kolkata", "IST-5:30", "<+0530>-05:30"] {
            let (z, lookups) = resolve(tz: tz)
            #expect(z.zone.secondsFromGMT(for: Date()) == 19_800 && z.note == nil && lookups.isEmpty, "TZ=\(tz)")
        }
        for tz in ["", "UTC", "Etc/UTC", ":UTC", "UTC0", "GMT"] {
            let (z, lookups) = resolve(tz: tz)
            #expect(z.zone.secondsFromGMT(for: Date()) == 0 && z.note == nil && lookups.isEmpty, "TZ=\(tz)")
        }
        #expect(resolve(tz: "NPT-5:45").0.zone.secondsFromGMT() == 20_700)
        #expect(resolve(tz: "HST10").0.zone.secondsFromGMT() == -36_000)
    }

    @Test("A zone with daylight saving is Foundation's by name, with a note; what cannot be read is UTC, with a note")
    func fallbacks() throws {
        let (berlin, lookups) = resolve(tz: "Europe/Berlin")
        #expect(lookups == ["Europe/Berlin"] && berlin.zone.identifier == "Europe/Berlin")
        #expect(berlin.note?.contains("daylight saving") == true)
        let (fromLink, l2) = resolve(tz: nil, localtime: "/usr/share/zoneinfo/America/New_York", localtimeFile: Self.zoneinfo + "America/New_York")
        #expect(l2 == ["America/New_York"] && fromLink.zone.identifier == "America/New_York")
        for tz in ["No/Such_Zone", "../../etc/passwd", "/etc/hostname"] {
            let (z, _) = resolve(tz: tz)
            #expect(z.zone.secondsFromGMT() == 0 && z.note?.contains("showing UTC") == true, "TZ=\(tz): \(String(describing: z.note))")
        }
        let (missing, _) = resolve(tz: nil, localtime: nil, localtimeFile: "/nonexistent/localtime")
        #expect(missing.zone.secondsFromGMT() == 0 && missing.note == "display zone: cannot read /etc/localtime; showing UTC")
    }

    @Test("Truncated or foreign bytes are not a zone file")
    func malformed() throws {
        let ist = try #require(read(Self.zoneinfo + "Asia/Kolkata"))
        #expect(TZif.parse([]) == nil)
        #expect(TZif.parse(Array("not a zone file at all, just text that is long enough".utf8)) == nil)
        for cut in [10, 44, 60, ist.count / 2, ist.count - 3] {
            #expect(TZif.parse(Array(ist.prefix(cut))) == nil, "cut at \(cut)")
        }
    }

    @Test("POSIX TZ strings: a fixed offset only without a daylight saving part")
    func posix() {
        let table: [(String, Int?)] = [
            ("UTC0", 0), ("IST-5:30", 19_800), ("<+0545>-5:45", 20_700), ("EST5", -18_000), ("<-03>3", -10_800),
            ("XYZ+1:02:03", -3_723), ("EST5EDT,M3.2.0,M11.1.0", nil), ("CET-1CEST", nil), ("", nil),
            ("UT0", nil), ("IST", nil), ("IST-5:", nil), ("<+05", nil), ("IST-5:75", nil), ("ABC99", nil),
        ]
        for (s, expected) in table { #expect(PosixTZ.fixedOffset(s) == expected, "\(s)") }
    }
}
