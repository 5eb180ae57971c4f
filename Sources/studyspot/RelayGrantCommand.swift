import ArgumentParser
import Foundation
import StudySpotCommandLine
import StudySpotRelay
import StudySpotWire

/// `studyspot relay grant`: the Redis ACL user of one owner's console on the
/// state cache (CONTRACT §10). Exit 0 done, 1 something to change first, 2 a
/// server unreachable or the configuration unusable.
struct RelayGrantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant",
        abstract: "Create (or replace) the state cache's ACL user of an owner's console: read-only, its own relay keys only.",
        discussion: """
            The user is named by the owner's owners.db_role in the catalog; its password is read from the environment \
            variable --password-env names, never from the command line, and never printed. Granting again replaces the \
            rules and the password (the old one stops working). --revoke deletes the user. --dry-run prints the rules, \
            password masked, without touching the state cache: what to apply in a provider's console that refuses ACL commands.
            """)

    @OptionGroup var options: ConfigOptions
    @Option(help: "The owner's id (owners.id in the catalog).") var owner: Int64
    @Option(name: .customLong("password-env"), help: "The environment variable holding the password for the owner's console (its [login] password).")
    var passwordEnv: String?
    @Flag(help: "Delete the owner's ACL user instead.") var revoke = false
    @Flag(name: .customLong("dry-run"), help: "Print the ACL rules (password masked) and change nothing.") var dryRun = false

    func run() throws {
        let config = try options.load()
        do {
            let user = try RelayGrant.user(owner: owner, topology: config.topology)
            let action: RelayGrant.Action
            if revoke {
                action = .revoke
            } else if dryRun {
                action = .grant(password: "")
            } else {
                action = .grant(password: try password())
            }
            if dryRun {
                print(RelayGrant.rules(action, user: user, owner: owner))
                print("dry run: nothing was changed on the state cache")
                return
            }
            guard let cache = config.topology.stateCache else {
                throw RelayGrantError("no state cache in \(config.source.displayName): the ACL users live on the cache with role \"state\"", status: 2)
            }
            let redis: RedisConnection
            do { redis = try RedisConnection(url: cache.url) } catch {
                throw RelayGrantError("state cache \(cache.name): \(error.message)", status: 2)
            }
            defer { redis.close() }
            for line in try RelayGrant.apply(action, user: user, owner: owner, cacheName: cache.name, on: redis) { print(line) }
        } catch let e as RelayGrantError {
            printError("relay grant: \(e.message)")
            throw ExitCode(e.status)
        }
    }

    /// The password from the named variable: required, and never echoed.
    private func password() throws(RelayGrantError) -> String {
        guard let name = passwordEnv, !name.isEmpty else {
            throw RelayGrantError("--password-env VAR is required: the name of the environment variable holding the owner's new password")
        }
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw RelayGrantError("environment variable \(name) (--password-env) is not set or empty: put the owner's new password in it")
        }
        return value
    }
}
