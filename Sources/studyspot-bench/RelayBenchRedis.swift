import ArgumentParser
import Foundation
import StudySpotCore
import StudySpotWire

/// The state cache's side of `studyspot-bench relay`: the feed streams'
/// lengths and `MEMORY USAGE` (every node counted: `SAMPLES 0`), the
/// server's `used_memory`, and its clients by user.
enum RelayBenchRedis {
    struct Memory {
        var usedMemory: Int64
        var allEntries: Int64, allBytes: Int64
        var ownerEntries: Int64, ownerBytes: Int64
        /// The owners' seat maps, which the relay rewrites as their bookings change.
        var seatBytes: Int64 = 0
    }

    static func memory(_ r: RedisConnection, owners: [Int64]) throws -> Memory {
        func int(_ c: [String]) throws -> Int64 {
            let reply = try r.command(c)
            if case .error(let e) = reply { throw ValidationError("\(c.prefix(2).joined(separator: " ")): \(e)") }
            return reply.integer ?? 0   // nil: no such key
        }
        guard case .bulk(let b) = try r.command(["INFO", "memory"]),
              let used = RedisInfo(parsing: String(decoding: b, as: UTF8.self)).sections["memory"]?["used_memory"].flatMap({ Int64($0) }) else {
            throw ValidationError("INFO memory gave no used_memory")
        }
        var m = Memory(usedMemory: used, allEntries: try int(["XLEN", RelayKeys.all]),
                       allBytes: try int(["MEMORY", "USAGE", RelayKeys.all, "SAMPLES", "0"]), ownerEntries: 0, ownerBytes: 0)
        for o in owners {
            m.ownerEntries += try int(["XLEN", RelayKeys.owner(o)])
            m.ownerBytes += try int(["MEMORY", "USAGE", RelayKeys.owner(o), "SAMPLES", "0"])
            let libraries = try r.command(["SMEMBERS", RelayKeys.seatLibraries(owner: o)]).array?.compactMap(\.string) ?? []
            for l in libraries.compactMap({ Int64($0) }) {
                m.seatBytes += try int(["MEMORY", "USAGE", RelayKeys.seats(owner: o, library: l), "SAMPLES", "0"])
            }
        }
        return m
    }

    static func describe(before: Memory, after: Memory) -> String {
        func per10k(_ bytes: Int64, _ entries: Int64) -> String {
            entries > 0 ? String(format: "%.2f MB per 10,000 entries (%.0f B each)", Double(bytes) / Double(entries) * 10_000 / 1e6, Double(bytes) / Double(entries)) : "no entries"
        }
        let changes = after.allEntries - before.allEntries
        return """
              feed:all: \(after.allEntries) entries, MEMORY USAGE \(after.allBytes) B: \(per10k(after.allBytes, after.allEntries))
              the owners' streams: \(after.ownerEntries) entries, MEMORY USAGE \(after.ownerBytes) B: \(per10k(after.ownerBytes, after.ownerEntries))
              INFO used_memory: \(before.usedMemory) B before, \(after.usedMemory) B after, \(after.usedMemory - before.usedMemory) B for \(changes) changes (each in feed:all and its owner's stream): \(per10k(after.usedMemory - before.usedMemory, changes)) of changes
              of which the owners' seat maps grew \(after.seatBytes - before.seatBytes) B (\(after.seatBytes) B now): the streams' share \(per10k(after.usedMemory - before.usedMemory - (after.seatBytes - before.seatBytes), changes)) of changes
            """
    }

    /// "default 5, owner_1 2, …": the server's clients by user.
    static func clients(_ r: RedisConnection) throws -> String {
        let list = try r.command(["CLIENT", "LIST"]).string ?? ""
        var by: [String: Int] = [:]
        for line in list.split(separator: "\n") {
            let user = line.split(separator: " ").first { $0.hasPrefix("user=") }.map { String($0.dropFirst(5)) } ?? "?"
            by[user, default: 0] += 1
        }
        let owners = by.filter { $0.key.hasPrefix("owner_") }
        let others = by.filter { !$0.key.hasPrefix("owner_") }.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        return "\(owners.values.reduce(0, +)) as \(owners.count) owners' ACL users; " + others.joined(separator: ", ")
    }
}

/// A process's CPU time from /proc/PID/stat (utime + stime).
struct ProcessCPU {
    let pid: Int32
    private let hz = Double(sysconf(Int32(_SC_CLK_TCK)))

    init(pid: Int32) { self.pid = pid }

    func ticks() throws -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { throw ValidationError("no process \(pid) (/proc/\(pid)/stat): is the relay running?") }
        // After "pid (comm)": state is field 3, utime 14, stime 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let u = Double(fields[11]), let s = Double(fields[12]) else { throw ValidationError("/proc/\(pid)/stat: unexpected format") }
        return u + s
    }

    /// CPU-seconds per minute over the next `seconds`.
    func perMinute(over seconds: Double) throws -> Double {
        let t0 = try ticks()
        Thread.sleep(forTimeInterval: seconds)
        return try perMinute(sinceTicks: t0, seconds: seconds)
    }

    func perMinute(sinceTicks t0: Double, seconds: Double) throws -> Double {
        (try ticks() - t0) / hz * 60 / seconds
    }
}
