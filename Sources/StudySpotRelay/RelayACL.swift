import StudySpotCore

/// The Redis 7 ACL that confines an owner's console to its own relay keys
/// (CONTRACT §10): read-only key permissions (`%R~`) on the owner's stream and
/// seat maps, no channels, and only the commands `RelayOwnerCommands` lists.
/// Confinement stays in the server: a console that asked for another owner's
/// stream would get NOPERM whatever its code did.
public enum RelayACL {
    /// `ACL SETUSER` arguments for `user`, replacing whatever it had
    /// (`reset` first), so a re-grant after a change of rules leaves nothing behind.
    /// The password is sent as `>password`; callers never log these arguments.
    public static func setUser(_ user: String, owner ownerId: Int64, password: String) -> [String] {
        ["ACL", "SETUSER", user, "reset", "on", ">" + password, "resetchannels",
         "%R~" + RelayKeys.owner(ownerId), "%R~" + RelayKeys.seatsPattern(owner: ownerId), "-@all"]
            + RelayOwnerCommands.allowed.map { "+" + $0 }
    }

    /// The same arguments with the password masked, for messages and logs.
    public static func describe(_ user: String, owner ownerId: Int64) -> String {
        setUser(user, owner: ownerId, password: "•••").joined(separator: " ")
    }
}
