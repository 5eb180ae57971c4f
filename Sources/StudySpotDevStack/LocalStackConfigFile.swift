import Foundation
import StudySpotConfig
import StudySpotCore

/// The stack's config file: the topology in CONTRACT §2 keys, written by the
/// same writer as `config show`, so `studyspot config check` accepts it.
public enum LocalStackConfigFile {
    public static func render(_ topology: Topology) -> String {
        ConfigWriter.render(topology: topology, header: """
            Written by `studyspot stack up`: the local stack on 127.0.0.1.
            The dsn and url fields hold the stack's password; keep this file private (mode 0600).
            """)
    }

    public static func quoted(_ text: String) -> String { ConfigWriter.quote(text) }
}
