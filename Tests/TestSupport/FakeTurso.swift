import Foundation
import StudySpotWire
#if canImport(Glibc)
import Glibc
#endif

/// `scripts/fake-turso.py` as a test fixture: Turso's pipeline protocol over
/// a real SQLite file in a temporary directory, on a free port above the
/// ephemeral range (`TestEnvironment.freeServerPort`), started and waited
/// for until it answers `GET /health`. `kill()` and
/// `start()` again keep the port and the file (a server that dies and comes
/// back). Stopped and removed on deinit.
public final class FakeTurso: @unchecked Sendable {
    public let token: String
    public let directory: URL
    public private(set) var port = 0
    private var process: Process?

    public var url: String { "http://127.0.0.1:\(port)" }
    public var dbPath: String { directory.appendingPathComponent("catalog.db").path }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/fake-turso.py")

    /// Starts a server whose SQLite file has the contract's catalog tables.
    public init(token: String = "tok-" + UUID().uuidString.prefix(8).lowercased()) throws {
        self.token = token
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("fake-turso-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var lastError: Error = FakeTursoError("no port tried")
        for _ in 0..<10 {
            port = TestEnvironment.freeServerPort()
            do { try start(); return } catch let e as FakeTursoError where e.portTaken { lastError = e; continue }
        }
        throw lastError
    }

    deinit {
        kill()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Starts the server (again) on its port and waits until it answers `GET /health`.
    public func start() throws {
        do {
            process = try PythonServer.start(Self.script, ["--db", dbPath, "--port", String(port), "--token", token, "--catalog"],
                                             port: port, name: "fake-turso")
        } catch let f as PythonServer.Failure {
            throw FakeTursoError(f.message, portTaken: f.portTaken)
        }
    }

    /// Kills the server (SIGKILL, its own pid) and waits for it.
    public func kill() {
        guard let p = process else { return }
        PythonServer.stop(p)
        process = nil
    }

    /// Makes later pipeline replies `garbage`, `truncated`, or normal again (`none`).
    public func fault(_ mode: String) throws {
        let r = HTTPClientTransport().post(url: "\(url)/_fault", body: Array(mode.utf8), headers: [], timeout: 5)
        guard case .success(let reply) = r, reply.status == 200 else { throw FakeTursoError("could not set fault \(mode): \(r)") }
    }

    /// Runs statements on the server through the real client (seeding).
    public func run(_ statements: [HranaStatement]) throws {
        _ = try HranaClient(url: url, token: token).execute(statements)
    }

    /// Two owners (db_role `owner_t1`, `owner_t2`), three libraries (one
    /// inactive) and a small seat map for library 101.
    public func seedCatalog() throws {
        try run([
            HranaStatement("INSERT INTO owners(id, display_name, db_role) VALUES (1, 'Asha', 'owner_t1'), (2, 'Ravi', 'owner_t2')"),
            HranaStatement("""
                INSERT INTO libraries(id, name, city, owner_id, active) VALUES
                  (101, 'Turso Reading Room', 'Pune', 1, 1), (102, 'Second Library', 'Delhi', 2, 1),
                  (103, 'Closed Library', 'Agra', 1, 0)
                """),
            HranaStatement("""
                INSERT INTO seats(id, library_id, label, zone, row_no, col_no, state) VALUES
                  (1001, 101, 'A1', 'Main', 1, 1, 'open'), (1002, 101, 'A2', 'Main', 1, 2, 'maintenance'),
                  (1003, 101, 'B1', 'Main', 2, 1, 'open'), (2001, 102, 'Q1', 'Quiet', 1, 1, 'open')
                """),
        ])
    }
}

public struct FakeTursoError: Error, CustomStringConvertible {
    public var description: String
    var portTaken = false
    init(_ d: String, portTaken: Bool = false) { description = d; self.portTaken = portTaken }
}
