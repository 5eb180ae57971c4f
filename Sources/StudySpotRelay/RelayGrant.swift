import Foundation
import StudySpotCore
import StudySpotWire

/// Why `relay grant` did nothing, worded for the admin who ran it. No
/// message holds the password: server replies are redacted before they get here.
public struct RelayGrantError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// 1: something the admin must change (the owner, its role, the
    /// password's variable, the server's ACL support); 2: a server unreachable.
    public var status: Int32
    public init(_ message: String, status: Int32 = 1) { self.message = message; self.status = status }
    public var description: String { message }
}

/// `studyspot relay grant`: creates, replaces or deletes the Redis ACL user
/// of one owner's console on the state cache (CONTRACT §10). The rules are
/// `RelayACL`'s; this is where they meet the catalog and the server.
public enum RelayGrant {
    public enum Action: Sendable {
        case grant(password: String)
        case revoke
    }

    /// The owner's ACL user: its `db_role`, read from the catalog shard.
    public static func user(owner ownerId: Int64, topology: Topology, options: PGConnectOptions = PGConnectOptions()) throws(RelayGrantError) -> String {
        guard let catalog = topology.catalogShard else {
            throw RelayGrantError("no catalog shard in the configuration: owners.db_role lives there", status: 2)
        }
        let owner: RelayOwner?
        do { owner = try RelayOwnerRoles.owner(ownerId, catalog: catalog, options: options) } catch {
            throw RelayGrantError("cannot read owner \(ownerId) from catalog shard \(catalog.name): \(SecretMasking.masked("\(error)"))", status: 2)
        }
        guard let owner else {
            throw RelayGrantError("no owner \(ownerId) in the owners table of catalog shard \(catalog.name)")
        }
        guard let role = owner.dbRole else {
            throw RelayGrantError("owner \(ownerId) has no db_role: set owners.db_role first (the login its console uses, which names its ACL user)")
        }
        try checkUserName(role, owner: ownerId, stateCache: topology.stateCache)
        return role
    }

    /// Names the ACL user must not have: one that is not a plain word, or the
    /// user the configuration itself logs in as (`default` without a user in
    /// the url) — resetting that one would lock every console and the relay out.
    static func checkUserName(_ role: String, owner ownerId: Int64, stateCache: CacheConfig?) throws(RelayGrantError) {
        if role.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control }) {
            throw RelayGrantError("owner \(ownerId)'s db_role \"\(SecretMasking.masked(role).debugDescription.dropFirst().dropLast())\" holds spaces or control characters: a Redis ACL user name cannot; give the owner a plain db_role")
        }
        let admin = stateCache.flatMap { try? RedisURL(parsing: $0.url) }?.user ?? "default"
        if role == "default" || role == admin {
            throw RelayGrantError("owner \(ownerId)'s db_role is \(role), the state cache's own user (the relay and operators log in as it): granting would replace its rules; give the owner a db_role of its own")
        }
    }

    /// What the action sends, the password masked: `--dry-run`'s output and
    /// what an admin types in a provider's console that refuses ACL commands.
    public static func rules(_ action: Action, user: String, owner ownerId: Int64) -> String {
        switch action {
        case .grant: RelayACL.describe(user, owner: ownerId)
        case .revoke: "ACL DELUSER \(user)"
        }
    }

    /// Runs the action on the state cache; the lines to print on success.
    public static func apply(_ action: Action, user: String, owner ownerId: Int64, cacheName: String,
                             on redis: RedisConnection) throws(RelayGrantError) -> [String] {
        let secrets: [String]
        if case .grant(let p) = action { secrets = [p] } else { secrets = [] }
        func clean(_ text: String) -> String { SecretMasking.redacting(SecretMasking.masked(text), secrets: secrets) }
        func lost(_ e: RedisError) -> RelayGrantError {
            RelayGrantError("state cache \(cacheName): \(clean(e.message))", status: 2)
        }
        let shown = rules(action, user: user, owner: ownerId)
        do {
            if let version = try serverVersion(redis), let refusal = versionRefusal(version, cacheName: cacheName) {
                throw RelayGrantError(refusal + "; the rules, to apply by hand elsewhere:\n  " + shown)
            }
            switch action {
            case .grant(let password):
                let reply = try redis.command(RelayACL.setUser(user, owner: ownerId, password: password))
                if case .error(let e) = reply { throw refused(clean(e), command: "ACL SETUSER", cacheName: cacheName, rules: shown) }
                return ["granted: ACL user \(user) on state cache \(cacheName) may read only \(RelayKeys.owner(ownerId)) and \(RelayKeys.seatsPattern(owner: ownerId)); "
                        + "owner \(ownerId)'s console logs in with [login] user = \"\(user)\" and this password (an earlier one no longer works)",
                        try persisted(redis, clean)]
            case .revoke:
                let reply = try redis.command(["ACL", "DELUSER", user])
                if case .error(let e) = reply { throw refused(clean(e), command: "ACL DELUSER", cacheName: cacheName, rules: shown) }
                guard reply.integer == 1 else { return ["no ACL user \(user) on state cache \(cacheName): nothing to revoke"] }
                return ["revoked: ACL user \(user) deleted from state cache \(cacheName); owner \(ownerId)'s console can no longer log in (its open connection is closed)",
                        try persisted(redis, clean)]
            }
        } catch let e as RelayGrantError {
            throw e
        } catch let e as RedisError {
            throw lost(e)
        } catch {
            throw RelayGrantError("state cache \(cacheName): \(clean("\(error)"))", status: 2)
        }
    }

    /// `redis_version` from INFO, nil when the server will not say (a
    /// managed Redis may refuse INFO; ACL SETUSER's own reply then tells).
    static func serverVersion(_ redis: RedisConnection) throws(RedisError) -> String? {
        guard case .bulk(let b) = try redis.command(["INFO", "server"]) else { return nil }
        return RedisInfo(parsing: String(decoding: b, as: UTF8.self)).sections["server"]?["redis_version"]
    }

    /// Why a server of this version cannot hold the owner rules: ACLs came in
    /// Redis 6, read-only key patterns (`%R~`) in 7. Nil when it can.
    static func versionRefusal(_ version: String, cacheName: String) -> String? {
        guard let major = version.split(separator: ".").first.flatMap({ Int($0) }) else { return nil }
        if major < 6 { return "state cache \(cacheName) runs Redis \(version), which has no ACLs (Redis 6 added them; the owner rules need 7)" }
        if major < 7 { return "state cache \(cacheName) runs Redis \(version): the owner rules need Redis 7 (read-only key patterns, %R~); upgrade it" }
        return nil
    }

    private static func refused(_ reply: String, command: String, cacheName: String, rules: String) -> RelayGrantError {
        let lower = reply.lowercased()
        let why: String
        if lower.contains("unknown command") || lower.contains("unknown subcommand") || lower.contains("not allowed") || lower.contains("not supported") {
            why = "state cache \(cacheName) does not offer \(command) (\(reply)): a managed Redis may keep ACLs to its own console; apply these rules there, with the owner's password in place of •••"
        } else if lower.hasPrefix("noperm") {
            why = "state cache \(cacheName) refused \(command) to the configuration's user (\(reply)): run grant with a state cache url whose user may change ACLs (+@admin), or apply these rules in the provider's console"
        } else {
            why = "state cache \(cacheName) refused \(command): \(reply); the rules were"
        }
        return RelayGrantError(why + ":\n  " + rules)
    }

    /// Writes the users to the server's ACL file when it has one; a server
    /// without one forgets them when it restarts, which the admin must know.
    private static func persisted(_ redis: RedisConnection, _ clean: (String) -> String) throws(RedisError) -> String {
        if case .error(let e) = try redis.command(["ACL", "SAVE"]) {
            return "not saved (\(clean(e))): the user lasts until the state cache restarts; persist it (aclfile, or CONFIG REWRITE on a Redis you run) or grant again after a restart"
        }
        return "saved to the state cache's ACL file"
    }

    /// The ACL users the state cache has, nil with the reason when it will
    /// not list them (`doctor` checks owners' users exist).
    public static func users(on redis: RedisConnection) throws(RedisError) -> Result<Set<String>, RelayGrantError> {
        let reply = try redis.command(["ACL", "USERS"])
        if case .error(let e) = reply { return .failure(RelayGrantError("ACL USERS refused: \(SecretMasking.masked(e))")) }
        return .success(Set((reply.array ?? []).compactMap(\.string)))
    }
}
