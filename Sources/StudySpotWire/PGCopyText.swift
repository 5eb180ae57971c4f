/// COPY's text format: tab-separated, `\N` for NULL, backslash escapes for
/// the characters that would otherwise end a field or a row.
public enum PGCopyText {
    public static func appendRow(_ row: [String?], to out: inout [UInt8]) {
        for (i, field) in row.enumerated() {
            if i > 0 { out.append(0x09) }
            guard let field else { out.append(0x5C); out.append(0x4E); continue }
            for b in field.utf8 {
                switch b {
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
                case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
                case 0x00: continue // PostgreSQL text cannot hold NUL
                default: out.append(b)
                }
            }
        }
        out.append(0x0A)
    }
}
