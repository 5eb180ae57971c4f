#if canImport(Glibc)
/// glibc's mallopt; <malloc.h> is not part of Swift's Glibc module.
@_silgen_name("mallopt") private func c_mallopt(_ param: Int32, _ value: Int32) -> Int32
/// <malloc.h>: M_MMAP_THRESHOLD and M_ARENA_MAX.
private let mmapThreshold: Int32 = -3, arenaMax: Int32 = -8
#endif

/// glibc malloc settings for the dashboard, which runs for hours with a
/// dozen threads (found by the soak, `scripts/soak.sh`, issue 8).
enum MallocTuning {
    /// Call once, before the monitors' threads start.
    static func forLongRun() {
        #if canImport(Glibc)
        // glibc raises its mmap threshold to the largest block freed so far;
        // after that, big short-lived buffers (the feed ring's copy-on-write
        // copies, ~1 MB each at 200 changes/s; frames; result sets) come from
        // the heap and leave holes that small long-lived objects fill, so the
        // heap only grows. The soak saw VmRSS creep 2–4 MB every few minutes
        // with ~10 MB in use and ~20 MB free inside the arenas. A fixed
        // threshold hands such buffers back to the kernel when freed.
        _ = c_mallopt(mmapThreshold, 128 * 1024)
        // One arena per thread (up to 8 × cores) multiplies that slack; the
        // monitors block on the network, not on malloc, so two arenas do.
        _ = c_mallopt(arenaMax, 2)
        #endif
    }
}
