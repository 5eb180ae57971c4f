import Foundation
import Testing
@testable import StudySpotCollectors

struct UsageUnitsTests {
    @Test func bytesBecomeTheCatalogsUnits() {
        #expect(UsageUnits.fromBytes(107_374_182_400, to: "GB") == 100)
        #expect(UsageUnits.fromBytes(268_435_456, to: "MB") == 256)
        #expect(UsageUnits.fromBytes(1, to: "hours") == nil)
        #expect(UsageUnits.convert(1_536, from: "MB", to: "GB") == 1.5)
        #expect(UsageUnits.convert(2, from: "GiB", to: "MB") == 2_048)
        #expect(UsageUnits.convert(7, from: "emails", to: "emails") == 7)
        #expect(UsageUnits.convert(7, from: "furlongs", to: "GB") == nil)
        #expect(UsageUnits.hours(fromSeconds: 5_400) == 1.5)
    }

    @Test func retryAfterReadsSecondsDatesAndTimestamps() {
        let now = Date(timeIntervalSince1970: 1_765_000_000)
        #expect(ProviderAPI.retryAfter("120", now: now) == now.addingTimeInterval(120))
        #expect(ProviderAPI.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now: now) == Date(timeIntervalSince1970: 1_445_412_480))
        #expect(ProviderAPI.retryAfter("2015-10-21T07:28:00Z", now: now) == Date(timeIntervalSince1970: 1_445_412_480))
        #expect(ProviderAPI.retryAfter("soon", now: now) == nil)
        #expect(ProviderAPI.retryAfter(nil, now: now) == nil)
    }

    @Test func providerDatesTolerateEveryForm() {
        #expect(ProviderDates.parse("2024-02-17T00:00:00.000-08:00") == Date(timeIntervalSince1970: 1_708_156_800))
        #expect(ProviderDates.parse("2024-02-17") == Date(timeIntervalSince1970: 1_708_128_000))
        #expect(ProviderDates.parse("1708128000") == Date(timeIntervalSince1970: 1_708_128_000))
        #expect(ProviderDates.parse("") == nil && ProviderDates.parse("yesterday") == nil)
        #expect(ProviderDates.day(Date(timeIntervalSince1970: 1_708_128_000)) == "2024-02-17")
    }

    @Test func jsonReadsToleratingMissingFieldsAndStringNumbers() throws {
        let v = try JSONValue.parse(Array(#"{"a": {"b": "12.5", "c": null}, "list": [1, 2]}"#.utf8), what: "t")
        #expect(v["a"]["b"].double == 12.5)
        #expect(v["a"]["c"].double == nil && v["nope"]["deeper"].double == nil)
        #expect(v["list"].array.count == 2 && v["list"][5].isNull)
        #expect(throws: CollectorError.self) { try JSONValue.parse([], what: "t") }
        #expect(throws: CollectorError.self) { try JSONValue.parse(Array("{oops".utf8), what: "t") }
    }
}
