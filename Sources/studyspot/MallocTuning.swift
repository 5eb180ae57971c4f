#if canImport(Glibc)
import CMalloc
import Foundation
import StudySpotMonitors
#endif

/// glibc malloc settings for the dashboard, which runs for hours with a
/// dozen threads (found by the soak, `scripts/soak.sh`), and the thread that
/// hands freed pages back to the kernel.
enum MallocTuning {
    /// Call once, before the monitors' threads start.
    static func forLongRun(trimEvery seconds: Double = 30) {
        #if canImport(Glibc)
        // glibc raises its mmap threshold to the largest block freed so far;
        // after that, big short-lived buffers (the feed ring's copy-on-write
        // copies, ~1 MB each at 200 changes/s; frames; result sets) come from
        // the heap and leave holes that small long-lived objects fill, so the
        // heap only grows. The soak saw VmRSS creep 2–4 MB every few minutes
        // with ~10 MB in use and ~20 MB free inside the arenas. A fixed
        // threshold hands such buffers back to the kernel when freed.
        _ = mallopt(M_MMAP_THRESHOLD, 128 * 1024)
        // One arena per thread (up to 8 × cores) multiplies that slack; the
        // monitors block on the network, not on malloc, so two arenas do.
        _ = mallopt(M_ARENA_MAX, 2)
        // glibc still keeps memory the console has freed (a burst's batches,
        // a reload's result rows) in its arenas, and little of it goes back on
        // its own: after 12,500 booking changes at 250/s about 6 MB of the
        // dashboard's 22 MB of private memory was free but still resident
        // (Benchmarks/README.md). A thread hands free pages back every
        // `seconds` (`malloc_trim`, well under a millisecond).
        _ = mallopt(M_TRIM_THRESHOLD, 256 * 1024)
        NamedThread.start("memory-trim", stackSize: 64 * 1024) {
            while true {
                Thread.sleep(forTimeInterval: seconds)
                _ = malloc_trim(0)
            }
        }
        #endif
    }
}
