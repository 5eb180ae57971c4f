import Foundation
import StudySpotCore
import StudySpotWire

/// How the owner view's monitors connect: the shard's name as cost target
/// in the console's counter, and, for an owner, the owner's login role so
/// row-level security confines every statement.
public enum BookingFeedConnect {
    public static func options(for shard: ShardConfig, login: LoginConfig?, counter: OperationCounter) -> PGConnectOptions {
        var o = PGConnectOptions()
        o.costTarget = CostTarget(shard.name, in: counter)
        if let login { o.user = login.user; o.password = login.password }
        return o
    }
}

/// The statements the feed and the seat map run on `bookings`; each can use
/// an index (id primary key, updated_at, (library_id, seat_id, starts_at), starts_at).
enum BookingFeedSQL {
    static let columns = """
        b.id, b.user_id, u.display_name, b.library_id, b.owner_id, b.seat_id, b.starts_at, b.ends_at,
        b.status, b.amount_paise, b.created_at, b.updated_at, now() AS server_now
        """
    /// `byIds` is prepared under this name on each listening connection.
    static let byIdsName = "studyspot_feed_by_ids"
    /// Re-reads notified rows, through the connection's own permissions.
    static let byIds = "SELECT \(columns) FROM bookings b LEFT JOIN users u ON u.id = b.user_id WHERE b.id = ANY($1::bigint[])"
    /// What changed while away (keyset paging on updated_at, id).
    static let since = """
        SELECT \(columns) FROM bookings b LEFT JOIN users u ON u.id = b.user_id
        WHERE (b.updated_at, b.id) > ($1::timestamptz, $2::bigint) ORDER BY b.updated_at, b.id LIMIT $3
        """
    /// The newest rows at start-up (rows stamped in the future are not "newest changes").
    static let newest = """
        SELECT \(columns) FROM bookings b LEFT JOIN users u ON u.id = b.user_id
        WHERE b.updated_at <= now() ORDER BY b.updated_at DESC LIMIT $1
        """
    /// Today's bookings' ids by status: an index-only scan of
    /// `bookings_today_tally_idx`, one row per status. At 10x a shard has tens
    /// of thousands today: one row each cost the console more CPU at start-up
    /// than any other read (Benchmarks/README.md, "Footprint:
    /// start-up"); the feed sorts the ids itself. A row is up to ~1 MB of
    /// text, and libpq's input buffer keeps the size of the largest row it
    /// received: read on a connection that closes after it (`BookingFeed`).
    static let today = "SELECT status, array_agg(id) AS ids FROM bookings WHERE starts_at >= $1 AND starts_at < $2 GROUP BY status"
    /// Bookings made per minute since $1 (the earlier of the platform's
    /// midnight and an hour ago), up to the server's clock, and that clock:
    /// the charts' read-back at start, an index scan of
    /// `bookings_created_at_idx` over today's rows only. Rows made in the
    /// future are left out here (counted when the feed sees them, at the
    /// server's now) so they do not pile up in the first minute.
    static let madePerMinute = """
        SELECT now() AS server_now, m.minute, m.n FROM (SELECT 1) AS one LEFT JOIN (
          SELECT floor(extract(epoch FROM b.created_at) / 60)::bigint AS minute, count(*) AS n FROM bookings b
          WHERE b.created_at >= $1 AND b.created_at <= now() GROUP BY 1
        ) AS m ON true
        """
    /// One library's bookings around now ((library_id, seat_id, starts_at) index).
    static let library = """
        SELECT \(columns) FROM bookings b LEFT JOIN users u ON u.id = b.user_id
        WHERE b.library_id = $1 AND b.starts_at >= $2 AND b.starts_at < $3
        """
    /// Several libraries' bookings around now, one read per users shard for
    /// the owner's grid (the same index, one range per library).
    static let libraries = """
        SELECT \(columns) FROM bookings b LEFT JOIN users u ON u.id = b.user_id
        WHERE b.library_id = ANY($1::bigint[]) AND b.starts_at >= $2 AND b.starts_at < $3
        """

    /// Rows as records, and the server's clock when they were read.
    static func records(_ result: PGResult, shard: String) throws -> (rows: [BookingRecord], serverNow: Date?) {
        // A row that cannot be decoded (a year past 9999, say) is left out
        // rather than failing the whole batch and stalling the shard's feed.
        let rows = result.rows.compactMap { try? record($0, shard: shard) }
        return (rows, try result.first?.optionalDate("server_now"))
    }

    static func record(_ row: PGRow, shard: String) throws -> BookingRecord? {
        guard let status = BookingStatus(rawValue: try row.string("status")) else { return nil }
        return BookingRecord(id: try row.int("id"), shard: shard, userId: try row.int("user_id"),
                             userName: row.optionalString("display_name"), libraryId: try row.int("library_id"),
                             ownerId: try row.int("owner_id"), seatId: try row.int("seat_id"),
                             startsAt: try row.date("starts_at"), endsAt: try row.date("ends_at"), status: status,
                             amountPaise: try row.int("amount_paise"), createdAt: try row.date("created_at"),
                             updatedAt: try row.date("updated_at"))
    }
}
