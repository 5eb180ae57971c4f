import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `STUDYSPOT_FRAME_TRACE=FILE`: the dashboard appends one line per frame,
/// `<unix time in µs> <frame number> <cells sent> <pane loaded 0|1> <parts>`, until
/// the first frame that shows the pane's data (scripts/bench-ui.sh reads it
/// for "start to first full frame"; the process's exec time is the script's).
final class FrameTrace {
    private let file: UnsafeMutablePointer<FILE>
    private var frames = 0
    private var done = false

    init?(environment: [String: String]) {
        guard let path = environment["STUDYSPOT_FRAME_TRACE"], !path.isEmpty, let f = fopen(path, "a") else { return nil }
        file = f
    }

    deinit { if !done { fclose(file) } }

    func record(_ r: FrameReport) {
        guard !done else { return }
        frames += 1
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        let micros = Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1_000
        let loaded = r.state.shownPaneLoaded
        let st = r.state
        // What is still missing, for whoever reads the trace by eye.
        let parts = "instances=\(st.instances.loaded ? 1 : 0) shards=\(st.shards.loaded ? 1 : 0) caches=\(st.caches.loaded ? 1 : 0) bookings=\(st.bookings.loaded ? 1 : 0) quotas=\(st.quotas.loaded ? 1 : 0)"
        fputs("\(micros) \(frames) \(r.cells) \(loaded ? 1 : 0) \(parts)\n", file)
        fflush(file)
        if loaded { done = true; fclose(file) }
    }
}

extension State {
    /// The pane on screen has its first full data: the Bookings feed has
    /// loaded every shard; the Overview has every monitor's first reading,
    /// the feed and the quota figures; other panes their own first data.
    public var shownPaneLoaded: Bool {
        switch pane {
        case .overview: overview.loaded && bookings.loaded && quotas.loaded
        case .bookings: bookings.loaded
        case .seats: seats.loaded
        case .quotas: quotas.loaded
        case .instances: instances.loaded
        case .shards: shards.loaded
        case .caches: caches.loaded
        case .alerts: alerts.loaded
        case .events: alerts.loaded
        }
    }
}
