import ArgumentParser
import Foundation
import StudySpotCommandLine
import StudySpotSimulator

extension SimulateCommand {
    /// One instance's `/health` in a process of its own, so that a fault test
    /// can `kill -9` a single instance (the full simulation serves all five
    /// from one process).
    struct Instance: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve one instance's /health alone, until killed (fault tests: one process per instance).")

        @OptionGroup var options: ConfigOptions

        @Argument(help: "Instance name, as in the configuration.")
        var instance: String

        @Option(help: "healthy | slow | sleeping | failing | down | flapping")
        var mode: String = "healthy"

        func run() throws {
            let config = try options.load()
            guard let m = InstanceMode(rawValue: mode) else {
                throw ValidationError("mode must be one of: \(InstanceMode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let inst = config.topology.instances.first(where: { $0.name == instance }) else {
                throw ValidationError("no instance named \(instance); the configuration has: \(config.topology.instances.map(\.name).joined(separator: ", "))")
            }
            guard let url = URL(string: inst.url), ["127.0.0.1", "localhost"].contains(url.host ?? ""), let port = url.port else {
                throw ValidationError("instance \(instance): cannot serve \(inst.url): not http(s)://127.0.0.1:PORT")
            }
            let fake = FakeInstance(name: inst.name, port: port, mode: m)
            fake.tls = try PlatformSimulator.serverTLS(for: inst, certFile: nil, keyFile: nil)
            try fake.start()
            FileHandle.standardOutput.write(Data("serving \(inst.name) on 127.0.0.1:\(port) (\(m.rawValue)) until killed\n".utf8))
            while true { sleep(3600) }
        }
    }
}
