import Dispatch
import Foundation
import StudySpotCore

/// Times the charts' count of one new booking (`BookingActivity.record`)
/// with an hour's worth of bookings already seen on the shard: what every
/// booking the feed reads costs its thread. It must not grow with the hour
/// (the soak found a copy of the seen ids per booking: Benchmarks/README.md,
/// "Footprint: the soak").
enum ActivityRecordBench {
    static func run(seen: Int = 100_000, measured: Int = 10_000) -> (seen: Int, p50: Double, p99: Double, runs: Int) {
        let now = Date()
        var activity = BookingActivity()
        activity.replace(shard: "neon", minuteCounts: [:], serverNow: now.addingTimeInterval(-3_000))
        // Spread over the last 50 minutes, all of them still within the chart's hour.
        for i in 0..<seen {
            activity.record(shard: "neon", id: Int64(i + 1), createdAt: now.addingTimeInterval(-3_000 + 3_000 * Double(i) / Double(seen)),
                            serverNow: now)
        }
        var times: [Double] = []
        times.reserveCapacity(measured)
        var counted = 0
        for j in 0..<measured {
            let t0 = DispatchTime.now().uptimeNanoseconds
            if activity.record(shard: "neon", id: Int64(seen + j + 1), createdAt: now, serverNow: now) { counted += 1 }
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e3)
        }
        precondition(counted == measured, "every new booking counts once")
        times.sort()
        return (seen, times[times.count / 2], times[Int(Double(times.count) * 0.99)], measured)
    }
}
