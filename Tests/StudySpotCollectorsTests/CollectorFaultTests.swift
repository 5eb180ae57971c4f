import Foundation
import Testing
import StudySpotCore
import StudySpotTestSupport
@testable import StudySpotCollectors

/// Every registered collector against its fake (`scripts/fake_providers`):
/// a good answer gives figures; a refused credential, a 429, a 500, a
/// malformed or empty body and a hung server each end the poll with an
/// error naming what failed, and never the credential. Adding a collector
/// to the registry adds it here.
@Suite(.serialized) struct CollectorFaultTests {
    static let providers = CollectorRegistry.all.map { $0.provider }
    let fake: FakeProviders
    init() throws { fake = try FakeProviders() }

    func run(_ provider: String, token: String? = nil, timeout: Double = 3, retries: Int = 2) throws(CollectorError) -> [UsageReading] {
        let type = CollectorRegistry.collector(for: provider)!
        let config = FakeCollectorConfigs.config(provider, fake: fake, token: token)
        let api = FakeCollectorConfigs.api(type, config, timeout: timeout)
        api.retries = retries
        return try type.init(config: config).collect(api, now: Date())
    }

    @Test(arguments: providers) func aGoodAnswerGivesFigures(_ provider: String) throws {
        let readings = try run(provider)
        #expect(!readings.isEmpty)
        for r in readings { #expect(r.used.isFinite && r.used >= 0, "\(provider) \(r.resource): \(r.used)") }
    }

    @Test(arguments: providers) func aRefusedCredentialIsNamedAndNeverShown(_ provider: String) throws {
        let secret = "not-the-\(provider)-secret-42"
        do { _ = try run(provider, token: secret); Issue.record("\(provider) accepted a wrong credential") }
        catch {
            #expect(error.kind == .refused, "\(provider): \(error)")
            #expect(error.httpStatus == 401 || error.httpStatus == 403)
            #expect(!error.message.contains(secret))
        }
    }

    @Test(arguments: providers) func faultsEndThePollWithTheirCause(_ provider: String) throws {
        let cases: [(String, CollectorError.Kind, Int?)] = [
            ("429", .rateLimited, 429), ("500", .http, 500), ("malformed", .malformed, nil), ("empty", .malformed, nil),
        ]
        for (fault, kind, status) in cases {
            try fake.fault(provider, fault, retryAfter: "900")
            defer { try? fake.fault(provider, "none") }
            do { _ = try run(provider, retries: 0); Issue.record("\(provider) \(fault) read as a figure") }
            catch {
                #expect(error.kind == kind, "\(provider) \(fault): \(error)")
                #expect(error.httpStatus == status)
                if fault == "429" { #expect(error.retryAt != nil) }
            }
        }
    }

    @Test(arguments: providers) func aHungServerTimesOut(_ provider: String) throws {
        try fake.fault(provider, "slow")
        defer { try? fake.fault(provider, "none") }
        do { _ = try run(provider, timeout: 0.4, retries: 0); Issue.record("\(provider): a hung server answered") }
        catch { #expect(error.kind == .transport && error.message.contains("timed out"), "\(provider): \(error)") }
    }
}
