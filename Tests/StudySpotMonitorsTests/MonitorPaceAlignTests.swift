import Foundation
@testable import StudySpotMonitors
@testable import StudySpotWire
import Testing
import StudySpotTestSupport

/// The monitor-side savings: the INFO fields a monitor keeps, and
/// polls aligned to the clock so readings arrive together.
@Suite struct MonitorPaceAlignTests {
    @Test func keepingParsesOnlyTheNamedFieldsWithTheSameValues() {
        let text = "# Server\r\nredis_version:7.0.15\r\nuptime_in_seconds:42\r\n# Memory\r\nused_memory:1048576\r\nmaxmemory:0\r\n# Stats\r\nkeyspace_hits:30\r\nkeyspace_misses:10\r\nevicted_keys:2\r\ntotal_commands_processed:99\r\n# Clients\r\nconnected_clients:4\r\n"
        let all = RedisInfo(parsing: text), kept = RedisInfo(parsing: text, keeping: RedisInfo.monitorFields)
        #expect(kept.redisVersion == nil)
        for key in RedisInfo.monitorFields { #expect(kept.value(key) == all.value(key), "\(key)") }
        #expect(kept.hitRate == 0.75 && kept.usedMemoryBytes == 1_048_576 && kept.connectedClients == 4)
        #expect(RedisInfo(parsing: ":\n#\nx", keeping: RedisInfo.monitorFields).hitRate == nil)
    }

    /// An aligned sleep ends at the first multiple of its interval after it
    /// began, not a whole interval later. Checked with a 2 s grid, begun in
    /// the second half of a period: the tick is at most 1 s away, a plain
    /// 2 s sleep would end at least 1 s after it, so up to 1 s of scheduling
    /// delay on a loaded machine cannot make a right sleep look wrong (a
    /// 40 ms bound on the wake-up did, at load average 18).
    @Test func alignedSleepsEndOnTheIntervalsGrid() {
        let signal = StopSignal()
        let interval = 2.0
        for _ in 0..<2 {
            // The clock's own position on the grid is the condition here.
            #expect(TestEnvironment.waitUntil(timeout: 3) { Date().timeIntervalSince1970.truncatingRemainder(dividingBy: interval) >= 1.0 })
            let began = Date().timeIntervalSince1970
            let tick = (began / interval).rounded(.down) * interval + interval
            #expect(signal.sleepAligned(interval) == false)
            let woke = Date().timeIntervalSince1970
            #expect(woke >= tick - 0.002, "woke \((tick - woke) * 1000) ms before the tick")
            #expect(woke < began + interval, "woke \(woke - tick) s after the tick: a whole interval, not aligned")
        }
        signal.stop()
        #expect(signal.sleepAligned(10) == true)
    }
}
