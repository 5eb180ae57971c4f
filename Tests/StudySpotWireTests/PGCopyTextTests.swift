@testable import StudySpotWire
import Testing

@Suite struct PGCopyTextTests {
    @Test func escapesSeparatorsAndNull() {
        var out: [UInt8] = []
        PGCopyText.appendRow(["a\tb", nil, "c\\d\ne\r"], to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "a\\tb\t\\N\tc\\\\d\\ne\\r\n")
    }
}
