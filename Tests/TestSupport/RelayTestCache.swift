import Foundation
import StudySpotCore
import StudySpotWire

/// Acting as `studyspot relay` in a console's tests: appends entries, stores
/// seat maps and readings in a database of the stack's state cache that the
/// test names (other tests use others), and makes owners' ACL users allowed
/// exactly `RelayOwnerCommands.allowed` on their own keys, as `relay grant` does.
public final class RelayTestCache: @unchecked Sendable {
    public let url: String
    public let admin: RedisConnection
    private var users: [String] = []
    public let tag = UInt32.random(in: 0...UInt32.max)

    /// `database`: the state cache database the test writes to (its own).
    public init(database: Int) throws {
        let base = try TestEnvironment.redisURL()
        // The last slash after "redis://" starts the database number.
        var root = base
        if let slash = base.range(of: "/", options: .backwards), base.distance(from: base.startIndex, to: slash.lowerBound) > 8 {
            root = String(base[..<slash.lowerBound])
        }
        url = root + "/\(database)"
        admin = try RedisConnection(url: url)
    }

    deinit {
        for u in users { _ = try? admin.command(["ACL", "DELUSER", u]) }
    }

    /// An owner id no other test uses.
    public func ownerId(_ n: Int64 = 0) -> Int64 { Int64(tag) * 10 + 8_000_000_000 + n }

    @discardableResult
    public func append(_ stream: String, _ record: BookingRecord) throws -> String {
        try append(stream, fields: RelayEntry.fields(record))
    }

    @discardableResult
    public func append(_ stream: String, fields: [(String, String)]) throws -> String {
        let reply = try admin.command(["XADD", stream, "*"] + fields.flatMap { [$0.0, $0.1] })
        guard case .bulk = reply, let id = reply.string else { throw RedisError(kind: .command, message: "XADD: \(reply)") }
        return id
    }

    /// Stores a library's seat map and lists it in the owner's set.
    public func storeSeats(_ state: RelaySeatState) throws {
        let json = String(decoding: try JSONEncoder().encode(state), as: UTF8.self)
        try admin.command(["SET", RelayKeys.seats(owner: state.ownerId, library: state.libraryId), json])
        try admin.command(["SADD", RelayKeys.seatLibraries(owner: state.ownerId), String(state.libraryId)])
    }

    /// An ACL user for `owner`, as `relay grant` makes it; returns its name and password.
    public func grant(owner: Int64) throws -> (user: String, password: String) {
        let user = "relaytest_\(tag)_\(owner)"
        let password = "pw-\(UInt64.random(in: 0...UInt64.max))@:/x"
        let reply = try admin.command(["ACL", "SETUSER", user, "reset", "on", ">\(password)", "resetkeys",
                                       "~\(RelayKeys.owner(owner))", "~\(RelayKeys.seatsPattern(owner: owner))", "resetchannels", "-@all"]
                                      + RelayOwnerCommands.allowed.map { "+\($0)" })
        if case .error(let e) = reply { throw RedisError(kind: .command, message: e) }
        users.append(user)
        return (user, password)
    }

    /// Drops every connection of `user` (the console's, mid-XREAD); returns how many.
    @discardableResult
    public func kill(user: String) throws -> Int64 {
        try admin.command(["CLIENT", "KILL", "USER", user]).integer ?? 0
    }

    /// Drops the connection named `name`.
    @discardableResult
    public func kill(named name: String) throws -> Int {
        let list = try admin.command(["CLIENT", "LIST"]).string ?? ""
        var killed = 0
        for line in list.split(separator: "\n") where line.contains(" name=\(name) ") {
            if let id = line.split(separator: " ").first(where: { $0.hasPrefix("id=") })?.dropFirst(3) {
                if try admin.command(["CLIENT", "KILL", "ID", String(id)]).integer == 1 { killed += 1 }
            }
        }
        return killed
    }

    /// A booking as the relay would append it.
    public static func booking(_ id: Int64, owner: Int64, library: Int64? = nil, shard: String = "neon", status: BookingStatus = .reserved,
                               startsIn: TimeInterval = 600, updated: Date = Date(), created: Date? = nil) -> BookingRecord {
        let lib = library ?? owner
        return BookingRecord(id: id, shard: shard, userId: 42, userName: "Relay Tester", libraryId: lib, ownerId: owner,
                             seatId: lib * 100 + 1, startsAt: Date().addingTimeInterval(startsIn),
                             endsAt: Date().addingTimeInterval(startsIn + 7_200), status: status, amountPaise: 5_000,
                             createdAt: created ?? updated, updatedAt: updated, libraryName: "Relay Library \(lib)", libraryCity: "Pune",
                             seatLabel: "A1")
    }
}
