import ArgumentParser

/// Stands in for `relay` until its own command is merged, so
/// `studyspot relay grant` runs on this branch. At the merge: delete this
/// file and its line in StudySpot.swift, and list RelayGrantCommand among
/// RelayCommand's subcommands.
struct RelayGrantTemporaryParent: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "relay", abstract: "Owner ACLs on the state cache.",
                                                    subcommands: [RelayGrantCommand.self])
}
