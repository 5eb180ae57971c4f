import Foundation

/// What one injected fault measured.
struct FaultFigure: Sendable {
    var fault: String
    /// Seconds from the fault to the state showing it (nil: never within the deadline).
    var mark: Double?
    /// Seconds from the part answering again to the state showing it recovered.
    var recover: Double?
    /// Booking changes written on the other shards while the fault lasted, and how many of them were shown by then.
    var writtenMeanwhile = 0
    var shownMeanwhile = 0
    /// The longest a change written meanwhile took from its commit to the console.
    var worstDelay: Double?
}

/// The suite's figures, printed at the end (and kept in a file for the README).
struct FaultReport: Sendable {
    var refresh: Double
    /// Seconds to bring the private stack, instances and monitors up (until every part answered).
    var setup = 0.0
    var figures: [FaultFigure] = []
    var written = 0
    var shown = 0
    var lost = 0
    var duplicated = 0
    /// Per users shard: changes written and shown.
    var perShard: [(shard: String, written: Int, shown: Int)] = []

    var text: String {
        func s(_ v: Double?) -> String { v.map { String(format: "%.2fs", $0) } ?? "never" }
        var lines = ["fault suite: refresh \(Int(refresh)) s, load average \(Self.loadAverage), set-up \(s(setup))",
                     "fault".padding(toLength: 34, withPad: " ", startingAt: 0) + "  marked   recovered  other shards meanwhile: written/shown, worst commit→shown"]
        for f in figures {
            lines.append(f.fault.padding(toLength: 34, withPad: " ", startingAt: 0) + "  " + s(f.mark).padding(toLength: 8, withPad: " ", startingAt: 0)
                         + " " + s(f.recover).padding(toLength: 10, withPad: " ", startingAt: 0) + " \(f.writtenMeanwhile)/\(f.shownMeanwhile), \(s(f.worstDelay))")
        }
        let marks = figures.compactMap(\.mark), recovers = figures.compactMap(\.recover)
        lines.append("faults injected \(figures.count), marked \(marks.count), recovered \(recovers.count); "
                     + "worst time-to-mark \(s(marks.max())), worst time-to-recover \(s(recovers.max()))")
        lines.append("booking changes written \(written), shown \(shown), lost \(lost), duplicated \(duplicated) ("
                     + perShard.map { "\($0.shard) \($0.written)/\($0.shown)" }.joined(separator: ", ") + ")")
        return lines.joined(separator: "\n")
    }

    static var loadAverage: String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
    }
}
