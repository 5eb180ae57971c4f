import Foundation

/// glibc keeps memory the console has freed (a burst's batches, a reload's
/// result rows) in its arenas, and with one arena per monitor thread little of
/// it goes back on its own: after 12,500 booking changes at 250/s about 6 MB
/// of the dashboard's 22 MB of private memory was free but still resident
/// (issue 9, Benchmarks/README.md). Large blocks are mapped on their own so
/// they are returned when freed, and a thread hands free pages back every
/// `every` seconds (`malloc_trim`, well under a millisecond).
enum MemoryTrim {
    // <malloc.h> is not in Swift's Glibc module: looked up by name instead.
    private typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    private typealias MallocTrim = @convention(c) (Int) -> Int32
    private static let mTrimThreshold: Int32 = -1, mMmapThreshold: Int32 = -3

    static func start(every seconds: Double = 30) {
        #if os(Linux)
        guard let optSym = dlsym(nil, "mallopt"), let trimSym = dlsym(nil, "malloc_trim") else { return }
        let mallopt = unsafeBitCast(optSym, to: Mallopt.self)
        let trim = unsafeBitCast(trimSym, to: MallocTrim.self)
        // A fixed threshold also stops glibc from raising it after each large
        // free, which would put the next large blocks back in the arenas.
        _ = mallopt(mMmapThreshold, 128 * 1024)
        _ = mallopt(mTrimThreshold, 256 * 1024)
        let t = Thread {
            while true {
                Thread.sleep(forTimeInterval: seconds)
                _ = trim(0)
            }
        }
        t.name = "memory-trim"
        t.stackSize = 64 * 1024
        t.start()
        #endif
    }
}
