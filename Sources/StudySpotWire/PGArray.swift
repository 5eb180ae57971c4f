/// A one-dimensional array parameter in PostgreSQL's text form (`{1,2,"a b"}`),
/// so a batch travels as one parameter: `WHERE id = ANY($1::bigint[])` or
/// `INSERT … SELECT * FROM unnest($1::bigint[], $2::text[])`.
public struct PGArray: PGParameter {
    public let pgText: String

    public init<T: BinaryInteger>(_ values: [T]) {
        pgText = "{" + values.map { String($0) }.joined(separator: ",") + "}"
    }

    public init(_ values: [Double]) {
        pgText = "{" + values.map { String($0) }.joined(separator: ",") + "}"
    }

    /// Strings are always quoted; `nil` is NULL.
    public init(strings values: [String?]) {
        var out = "{"
        for (i, v) in values.enumerated() {
            if i > 0 { out += "," }
            guard let v else { out += "NULL"; continue }
            out += "\""
            for ch in v.unicodeScalars {
                if ch == "\"" || ch == "\\" { out += "\\" }
                if ch.value == 0 { continue } // text cannot hold NUL
                out.unicodeScalars.append(ch)
            }
            out += "\""
        }
        pgText = out + "}"
    }
}
