import Foundation
import StudySpotCore
import StudySpotWire

/// The platform's archive job: finished bookings older than six months move
/// from their users shard to the archive shard. Insert first, then delete, so
/// a crash in between leaves a copy rather than a loss; re-running is safe.
struct ArchiveJob {
    let usersShards: [ShardConfig]
    let archive: ShardConfig
    var batch = 2_000

    func run() throws -> Int {
        let arch = try PGConnection(dsn: archive.dsn, options: BookingTraffic.options)
        var moved = 0
        for shard in usersShards {
            let c = try PGConnection(dsn: shard.dsn, options: BookingTraffic.options)
            while true {
                let rows = try c.query("""
                    SELECT id, user_id, library_id, owner_id, seat_id, starts_at, ends_at, status, amount_paise, created_at, updated_at
                    FROM bookings
                    WHERE starts_at < now() - make_interval(days => $2)
                      AND status IN ('completed', 'cancelled', 'no_show')
                    ORDER BY starts_at LIMIT $1
                    """, [batch, SeedPlan.archiveAfterDays]).rows
                guard !rows.isEmpty else { break }
                func col(_ name: String) -> PGArray { PGArray(strings: rows.map { $0[name] }) }
                try arch.query("""
                    INSERT INTO archived_bookings (id, user_id, library_id, owner_id, seat_id, starts_at, ends_at, status, amount_paise, created_at, updated_at)
                    SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::timestamptz[],
                                         $7::timestamptz[], $8::text[], $9::int[], $10::timestamptz[], $11::timestamptz[])
                    ON CONFLICT (id) DO NOTHING
                    """, [col("id"), col("user_id"), col("library_id"), col("owner_id"), col("seat_id"), col("starts_at"),
                          col("ends_at"), col("status"), col("amount_paise"), col("created_at"), col("updated_at")])
                let ids = try rows.map { try $0.int("id") }
                moved += try c.query("DELETE FROM bookings WHERE id = ANY($1::bigint[])", [PGArray(ids)]).affected
                if rows.count < batch { break }
            }
        }
        return moved
    }
}
