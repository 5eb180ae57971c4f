import Foundation
import CLibPQ

/// A query's rows, copied out of libpq so the `PGresult` is freed at once.
/// Values are kept as the server's text and decoded on access.
public struct PGResult: Sendable {
    public let columns: [String]
    public let columnTypes: [UInt32]
    public let rows: [PGRow]
    /// Rows affected for INSERT/UPDATE/DELETE/COPY (from `PQcmdTuples`).
    public let affected: Int

    init(_ res: OpaquePointer) {
        let nf = Int(PQnfields(res))
        let nt = Int(PQntuples(res))
        var names = [String]()
        var types = [UInt32]()
        names.reserveCapacity(nf)
        for c in 0..<nf {
            names.append(String(cString: PQfname(res, Int32(c))))
            types.append(PQftype(res, Int32(c)))
        }
        let index = PGColumnIndex(names: names)
        var rows = [PGRow]()
        rows.reserveCapacity(nt)
        for r in 0..<nt {
            var values = [String?]()
            values.reserveCapacity(nf)
            for c in 0..<nf {
                if PQgetisnull(res, Int32(r), Int32(c)) == 1 {
                    values.append(nil)
                } else {
                    let len = Int(PQgetlength(res, Int32(r), Int32(c)))
                    let ptr = PQgetvalue(res, Int32(r), Int32(c))!
                    // By length, not strlen; invalid UTF-8 becomes U+FFFD rather than trapping.
                    values.append(ptr.withMemoryRebound(to: UInt8.self, capacity: len) {
                        String(decoding: UnsafeBufferPointer(start: $0, count: len), as: UTF8.self)
                    })
                }
            }
            rows.append(PGRow(values: values, index: index))
        }
        self.columns = names
        self.columnTypes = types
        self.rows = rows
        self.affected = Int(String(cString: PQcmdTuples(res))) ?? 0
    }

    public var count: Int { rows.count }
    public var first: PGRow? { rows.first }
}

/// Column name → position, shared by every row of a result.
final class PGColumnIndex: Sendable {
    let positions: [String: Int]
    init(names: [String]) {
        var p = [String: Int]()
        for (i, n) in names.enumerated() where p[n] == nil { p[n] = i }
        positions = p
    }
}

/// Why a value could not be read as the asked type: names the column and
/// shows the offending text (data, never a secret).
public struct PGDecodeError: Error, Sendable, CustomStringConvertible {
    public var column: String
    public var expected: String
    public var found: String?
    public var description: String {
        "column \(column): expected \(expected), found \(found.map { "\"\($0.prefix(40))\"" } ?? "NULL")"
    }
}

public struct PGRow: Sendable {
    public let values: [String?]
    let index: PGColumnIndex

    public subscript(_ i: Int) -> String? { i < values.count ? values[i] : nil }
    public subscript(_ name: String) -> String? { index.positions[name].flatMap { values[$0] } }

    public func isNull(_ name: String) -> Bool { self[name] == nil }

    public func string(_ name: String) throws -> String {
        guard let v = self[name] else { throw PGDecodeError(column: name, expected: "text", found: nil) }
        return v
    }
    public func optionalString(_ name: String) -> String? { self[name] }

    public func int(_ name: String) throws -> Int64 {
        guard let v = self[name], let n = Int64(v) else { throw PGDecodeError(column: name, expected: "integer", found: self[name]) }
        return n
    }
    public func optionalInt(_ name: String) throws -> Int64? {
        guard let v = self[name] else { return nil }
        guard let n = Int64(v) else { throw PGDecodeError(column: name, expected: "integer", found: v) }
        return n
    }

    /// float4/float8/numeric text; `NaN`, `Infinity` included.
    public func double(_ name: String) throws -> Double {
        guard let v = self[name], let d = Double(v) else { throw PGDecodeError(column: name, expected: "number", found: self[name]) }
        return d
    }
    public func optionalDouble(_ name: String) throws -> Double? {
        guard let v = self[name] else { return nil }
        guard let d = Double(v) else { throw PGDecodeError(column: name, expected: "number", found: v) }
        return d
    }

    public func bool(_ name: String) throws -> Bool {
        switch self[name] {
        case "t", "true": return true
        case "f", "false": return false
        default: throw PGDecodeError(column: name, expected: "boolean", found: self[name])
        }
    }

    public func date(_ name: String) throws -> Date {
        guard let v = self[name], let d = PGTimestamp.parse(v) else { throw PGDecodeError(column: name, expected: "timestamptz", found: self[name]) }
        return d
    }
    public func optionalDate(_ name: String) throws -> Date? {
        guard let v = self[name] else { return nil }
        guard let d = PGTimestamp.parse(v) else { throw PGDecodeError(column: name, expected: "timestamptz", found: v) }
        return d
    }
}
