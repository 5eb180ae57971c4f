import Foundation
import StudySpotMonitors
import Testing

/// Thread names as the OS reports them (what `top -H` and btop show), read
/// back from the kernel (/proc/thread-self/comm).
@Suite struct NamedThreadTests {
    /// The kernel's name of the calling thread.
    static func kernelName() -> String? {
        (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8))?
            .trimmingCharacters(in: .newlines)
    }

    @Test func aThreadCarriesItsNameToTheOS() async {
        let seen = await withCheckedContinuation { (k: CheckedContinuation<String?, Never>) in
            NamedThread.start("shards") { k.resume(returning: Self.kernelName()) }
        }
        #expect(seen == "shards")
    }

    @Test func aLongNameKeepsItsFirstFifteenBytes() async {
        let seen = await withCheckedContinuation { (k: CheckedContinuation<String?, Never>) in
            NamedThread.start("probe-render-1-and-more") { k.resume(returning: Self.kernelName()) }
        }
        #expect(seen == "probe-render-1-")
    }
}
