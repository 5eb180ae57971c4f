import Testing
@testable import StudySpotConsole

/// `fmtCount` groups by hand (no NumberFormatter: see Benchmarks/README.md).
@Suite struct CountFormatTests {
    @Test func groupsThousandsWithCommas() {
        #expect(fmtCount(nil) == "-")
        #expect(fmtCount(0) == "0")
        #expect(fmtCount(999) == "999")
        #expect(fmtCount(1_000) == "1,000")
        #expect(fmtCount(61_220) == "61,220")
        #expect(fmtCount(-1_234_567) == "-1,234,567")
        #expect(fmtCount(Int64.min) == "-9,223,372,036,854,775,808")
    }
}
