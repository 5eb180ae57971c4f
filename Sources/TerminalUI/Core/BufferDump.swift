extension Buffer {
    /// The text of every row, trailing blanks kept, rows joined by newlines.
    /// Continuation cells add nothing, so wide clusters read naturally.
    public var textDump: String {
        var lines: [String] = []
        lines.reserveCapacity(height)
        for y in 0..<height {
            var line = ""
            for x in 0..<width where !self[x, y].isContinuation { line.append(grapheme(x, y)) }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// Row text with trailing blanks trimmed: handy for reading and `contains`.
    public var trimmedTextDump: String {
        textDump.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
            .joined(separator: "\n")
    }

    /// One letter per column naming its style ('.' is plain), then a legend
    /// line per letter: "A: fg=green bold". Stable for snapshot tests.
    public var styleDump: String {
        var letters: [Style: Character] = [.plain: "."]
        var legend: [String] = []
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var rows: [String] = []
        for y in 0..<height {
            var row = ""
            for x in 0..<width {
                let st = self[x, y].style
                if letters[st] == nil {
                    let l = alphabet[min(legend.count, alphabet.count - 1)]
                    letters[st] = l
                    legend.append("\(l): \(st)")
                }
                row.append(letters[st]!)
            }
            rows.append(row)
        }
        return (rows + legend).joined(separator: "\n")
    }
}
