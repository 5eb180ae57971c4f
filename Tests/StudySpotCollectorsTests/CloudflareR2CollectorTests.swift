import Foundation
import Testing
import StudySpotCore
import StudySpotTestSupport
@testable import StudySpotCollectors

/// Cloudflare R2 against `scripts/fake_providers/cloudflare_r2.py`: class A
/// and B operations by action type, storage as each bucket's peak summed.
@Suite(.serialized) struct CloudflareR2CollectorTests {
    let fake: FakeProviders
    init() throws { fake = try FakeProviders() }

    @Test func readsOperationsByClassAndStorageInGigabytesForTheMonth() throws {
        let now = Date()
        let readings = try fake.poll("cloudflare-r2", now: now)
        #expect(readings.count == 3)
        // PutObject 35,000 + ListObjects 2,000; GetObject 105,000 + HeadObject 1,000; DeleteObject is free.
        #expect(readings[resource: "class-a-operations"]?.used == 37_000)
        #expect(readings[resource: "class-b-operations"]?.used == 106_000)
        let storage = try #require(readings[resource: "storage"])
        #expect(storage.used == 1 && storage.unit == "GB")  // 874,370,990 + 199,370,834 bytes
        for r in readings { #expect(r.periodStart == ProviderDates.monthStart(now) && r.limit == nil) }
    }

    @Test func aMissingDatasetCostsOnlyItsFigures() throws {
        try fake.setState("cloudflare-r2", ["operations": "absent"])
        #expect(try fake.poll("cloudflare-r2").map(\.resource) == ["storage"])
        try fake.setState("cloudflare-r2", ["storage": [["max": ["objectCount": 3], "dimensions": ["bucketName": "b"]]]])
        #expect(try fake.poll("cloudflare-r2").map(\.resource) == ["class-a-operations", "class-b-operations"])
        try fake.setState("cloudflare-r2", ["operations": [Any](), "storage": [Any]()])
        #expect(try fake.poll("cloudflare-r2").map(\.used) == [0, 0, 0])
    }

    @Test func theActionClassesFollowR2Pricing() {
        #expect(CloudflareR2Collector.classA.isDisjoint(with: CloudflareR2Collector.classB))
        #expect(CloudflareR2Collector.classA.contains("PutObject") && CloudflareR2Collector.classB.contains("GetObject"))
        for free in ["DeleteObject", "DeleteBucket", "AbortMultipartUpload"] {
            #expect(!CloudflareR2Collector.classA.contains(free) && !CloudflareR2Collector.classB.contains(free))
        }
    }

    @Test func storageTakesEachBucketsPeakThenSums() throws {
        let groups = try JSONValue.parse(Array(#"""
            [{"max": {"payloadSize": 100, "metadataSize": 1}, "dimensions": {"bucketName": "a"}},
             {"max": {"payloadSize": 300, "metadataSize": 2}, "dimensions": {"bucketName": "a"}},
             {"max": {"payloadSize": 50}, "dimensions": {"bucketName": "b"}},
             {"max": {"payloadSize": "lots"}, "dimensions": {"bucketName": "c"}}]
            """#.utf8), what: "t")
        #expect(CloudflareR2Collector.storedBytes(groups) == 352)
        #expect(CloudflareR2Collector.storedBytes(.null) == nil)
    }
}
