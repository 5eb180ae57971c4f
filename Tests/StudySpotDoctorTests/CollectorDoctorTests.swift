import Foundation
import Testing
import StudySpotCore
import StudySpotTestSupport
@testable import StudySpotDoctor

/// doctor's collector check: one poll of each provider's usage API against
/// `scripts/fake_providers`, nothing written.
@Suite(.serialized) struct CollectorDoctorTests {
    let fake: FakeProviders
    init() throws { fake = try FakeProviders() }

    func netlify(_ token: String) -> CollectorConfig {
        CollectorConfig(provider: "netlify", account: "studyspot", token: token, apiURL: fake.url)
    }

    @Test func aWorkingTokenIsOk() throws {
        let f = CollectorDoctor(timeoutSeconds: 3).check(netlify(FakeProviders.token(for: "netlify")))
        #expect(f == [DoctorFinding(.collector, "netlify (studyspot)", .ok, "Netlify API answers: bandwidth")])
    }

    @Test func aRefusedTokenIsCriticalWithTheFixAndNeverShown() throws {
        let secret = "nfp_refused_but_secret"
        let f = try #require(CollectorDoctor(timeoutSeconds: 3).check(netlify(secret)).first)
        #expect(f.severity == .critical)
        #expect(f.line == "✕ collector netlify (studyspot): Netlify API /api/v1/accounts/studyspot/bandwidth: HTTP 401 token refused — "
                + "set the token of [[collector]] netlify (studyspot) (e.g. token = \"${NETLIFY_TOKEN}\") to a personal access token (Netlify: User settings → Applications)")
        #expect(!f.line.contains(secret))
    }

    @Test func anUnreachableAPIIsAWarningNamingApiURL() throws {
        var c = netlify("t")
        c.apiURL = "http://127.0.0.1:9"
        let f = try #require(CollectorDoctor(timeoutSeconds: 2).check(c).first)
        #expect(f.severity == .warning && f.fix == "check api_url http://127.0.0.1:9")
    }

    @Test func aProviderWithoutACollectorIsNamed() throws {
        let f = try #require(CollectorDoctor().check(CollectorConfig(provider: "render", token: "t")).first)
        #expect(f.severity == .critical && f.problem.hasPrefix("no collector for provider \"render\""))
    }

    @Test func doctorRunsTheCollectorChecksBesideTheTopology() {
        let report = Doctor(topology: Topology(shards: [], caches: [], instances: []),
                            collectors: [netlify(FakeProviders.token(for: "netlify"))]).run()
        #expect(report.findings.map(\.kind) == [.collector] && report.status == .ok)
    }
}
