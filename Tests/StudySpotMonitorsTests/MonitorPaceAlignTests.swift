import Foundation
@testable import StudySpotMonitors
@testable import StudySpotWire
import Testing

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

    @Test func alignedSleepsEndOnTheIntervalsGrid() {
        let signal = StopSignal()
        for _ in 0..<3 {
            #expect(signal.sleepAligned(0.05) == false)
            let t = Date().timeIntervalSince1970
            // Woken within a few ms after a multiple of 50 ms (a loaded machine may add more).
            let past = t - (t / 0.05).rounded(.down) * 0.05
            #expect(past < 0.04, "woke \(past * 1000) ms after the tick")
        }
        signal.stop()
        #expect(signal.sleepAligned(10) == true)
    }
}
