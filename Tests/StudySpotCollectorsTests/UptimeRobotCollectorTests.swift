import Foundation
import Testing
import StudySpotCore
import StudySpotTestSupport
@testable import StudySpotCollectors

/// UptimeRobot against `scripts/fake_providers/uptimerobot.py`: the key
/// travels in the form body, and a wrong key may come back as HTTP 200.
@Suite(.serialized) struct UptimeRobotCollectorTests {
    let fake: FakeProviders
    init() throws { fake = try FakeProviders() }

    @Test func monitorsAreUpPlusDownPlusPausedAgainstTheLimit() throws {
        let readings = try fake.collect("uptimerobot")
        let monitors = try #require(readings.named("monitors"))
        #expect(readings.count == 1)
        #expect(monitors.used == 17 && monitors.limit == 50 && monitors.unit == "monitors")
    }

    @Test func aWrongKeyAnsweredWithStatFailIsRefusedWithoutShowingIt() throws {
        try fake.setState("uptimerobot", ["wrong_key_status": 200])
        let secret = "u956-not-the-key-4242"
        do { _ = try fake.collect("uptimerobot", token: secret); Issue.record("a wrong key read as a figure") }
        catch {
            #expect(error.kind == .refused && error.httpStatus == nil)
            #expect(error.message == "UptimeRobot API /v2/getAccountDetails: api_key refused (stat fail, invalid_parameter)")
            #expect(!error.message.contains(secret))
        }
    }

    @Test func anErrorBodyEchoingTheKeyNeverShowsIt() throws {
        try fake.setState("uptimerobot", ["wrong_key_status": 400])
        let secret = "u956-not-the-key-4242"
        do { _ = try fake.collect("uptimerobot", token: secret); Issue.record("a 400 read as a figure") }
        catch {
            #expect(error.kind == .http && error.httpStatus == 400 && error.message.contains("HTTP 400"))
            #expect(!error.message.contains(secret), "\(error.message)")
        }
    }

    @Test func anotherStatFailIsNamedByItsType() throws {
        let failure = UptimeRobotCollector.failure(.object(["type": .string("not_authorized"), "message": .string("secret-ish text")]),
                                                   path: "/v2/getAccountDetails")
        #expect(failure.kind == .http && failure.message == "UptimeRobot API /v2/getAccountDetails: stat fail, not_authorized")
    }

    @Test func aMissingCountIsNoReading() throws {
        try fake.setState("uptimerobot", ["paused_monitors": NSNull()])
        #expect(try fake.collect("uptimerobot").isEmpty)
        try fake.setState("uptimerobot", ["paused_monitors": 0, "monitor_limit": NSNull()])
        let monitors = try #require(try fake.collect("uptimerobot").named("monitors"))
        #expect(monitors.used == 15 && monitors.limit == nil)
    }
}
