import Foundation

/// The committed fuzz corpus and crash reproducers (Fuzz/, written by
/// `make fuzz`), replayed as regression tests on every `make test`.
public enum FuzzCorpus {
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    /// Each input as the parsers receive it: bytes decoded as UTF-8, invalid sequences replaced.
    public static func texts(_ target: String) -> [String] {
        let fm = FileManager.default
        var files: [URL] = []
        let corpus = root.appendingPathComponent("corpus/\(target)")
        files += (try? fm.contentsOfDirectory(at: corpus, includingPropertiesForKeys: nil)) ?? []
        let crashes = root.appendingPathComponent("crashes")
        files += ((try? fm.contentsOfDirectory(at: crashes, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.lastPathComponent.hasPrefix("\(target)-") }
        return files.sorted { $0.path < $1.path }.compactMap { try? Data(contentsOf: $0) }
            .map { String(decoding: $0, as: UTF8.self) }
    }
}
