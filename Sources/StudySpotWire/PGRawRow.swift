import Foundation
import CLibPQ

/// One row as libpq holds it, read in place: `PGConnection.forEachRow` hands
/// one to its closure per row. Only valid inside that closure (libpq frees
/// the row after it). Columns are addressed by their position in the
/// `columns` list given to `forEachRow`; a column the statement did not
/// return reads as NULL (an older schema, as `PGRow` treats it).
public struct PGRawRow {
    let res: OpaquePointer
    let positions: [Int32]
    let names: [String]

    public func isNull(_ i: Int) -> Bool {
        positions[i] < 0 || PQgetisnull(res, 0, positions[i]) == 1
    }

    /// The value's bytes, or nil for NULL.
    public func withBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        guard !isNull(i), let ptr = PQgetvalue(res, 0, positions[i]) else { return nil }
        let len = Int(PQgetlength(res, 0, positions[i]))
        return ptr.withMemoryRebound(to: UInt8.self, capacity: len) { body(UnsafeBufferPointer(start: $0, count: len)) }
    }

    public func optionalString(_ i: Int) -> String? {
        // Invalid UTF-8 becomes U+FFFD rather than trapping (as in `PGResult`).
        withBytes(i) { String(decoding: $0, as: UTF8.self) }
    }

    public func string(_ i: Int) throws -> String {
        guard let v = optionalString(i) else { throw decodeError(i, "text") }
        return v
    }

    public func optionalInt(_ i: Int) throws -> Int64? {
        guard let parsed = withBytes(i, Self.parseInt) else { return nil }
        guard let n = parsed else { throw decodeError(i, "integer") }
        return n
    }

    public func int(_ i: Int) throws -> Int64 {
        guard let n = try optionalInt(i) else { throw decodeError(i, "integer") }
        return n
    }

    /// float4/float8/numeric text; `NaN`, `Infinity` included (Swift's parser:
    /// the C library's follows the locale ncurses sets).
    public func optionalDouble(_ i: Int) throws -> Double? {
        guard let text = optionalString(i) else { return nil }
        guard let d = Double(text) else { throw decodeError(i, "number") }
        return d
    }

    public func double(_ i: Int) throws -> Double {
        guard let d = try optionalDouble(i) else { throw decodeError(i, "number") }
        return d
    }

    public func optionalDate(_ i: Int) throws -> Date? {
        guard let parsed = withBytes(i, PGTimestamp.parse(bytes:)) else { return nil }
        guard let d = parsed else { throw decodeError(i, "timestamptz") }
        return d
    }

    public func date(_ i: Int) throws -> Date {
        guard let d = try optionalDate(i) else { throw decodeError(i, "timestamptz") }
        return d
    }

    /// A `bigint[]` without NULLs in its text form (`{1,2,3}`), parsed in place;
    /// nil for NULL, a decode error for anything else (NULL elements included).
    public func optionalInt64Array(_ i: Int) throws -> [Int64]? {
        guard let parsed = withBytes(i, Self.parseInt64Array) else { return nil }
        guard let values = parsed else { throw decodeError(i, "bigint[]") }
        return values
    }

    static func parseInt64Array(_ b: UnsafeBufferPointer<UInt8>) -> [Int64]? {
        guard b.count >= 2, b.first == UInt8(ascii: "{"), b.last == UInt8(ascii: "}") else { return nil }
        var out: [Int64] = []
        guard b.count > 2 else { return out }
        out.reserveCapacity(b.count / 8)
        var start = 1
        for i in 1..<b.count where b[i] == UInt8(ascii: ",") || i == b.count - 1 {
            guard let v = parseInt(UnsafeBufferPointer(rebasing: b[start..<i])) else { return nil }
            out.append(v)
            start = i + 1
        }
        return out
    }

    /// What `Int64(String)` accepts: an optional sign, then decimal digits, in range.
    static func parseInt(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0, negative = false
        if let first = b.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { negative = first == UInt8(ascii: "-"); i = 1 }
        guard i < b.count else { return nil }
        var v: Int64 = 0
        while i < b.count {
            let d = b[i]
            guard d >= 48, d <= 57 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(Int64(d - 48)) : m.addingReportingOverflow(Int64(d - 48))
            if o1 || o2 { return nil }
            v = s
            i += 1
        }
        return v
    }

    private func decodeError(_ i: Int, _ expected: String) -> PGDecodeError {
        PGDecodeError(column: names[i], expected: expected, found: optionalString(i))
    }
}
