import ArgumentParser
import Foundation
import StudySpotDevStack

/// `studyspot stack up | down | status`: the local stack of PostgreSQL and Redis servers.
struct StackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stack",
        abstract: "A local stack of PostgreSQL and Redis servers on 127.0.0.1.",
        subcommands: [Up.self, Down.self, Status.self])

    struct Options: ParsableArguments {
        @Option(help: ArgumentHelp("The stack folder.",
                                   discussion: "Default: $XDG_STATE_HOME/studyspot/stack (~/.local/state/studyspot/stack); /var/lib/studyspot/stack for root."))
        var dir: String?

        @Option(help: ArgumentHelp("First port: shards on N…N+4, caches on N+10…N+12.",
                                   discussion: "Default: the port the last `up` in this folder used, else \(LocalStack.defaultBasePort)."))
        var basePort: Int?

        var stack: LocalStack {
            let directory = dir.map { URL(fileURLWithPath: $0) } ?? LocalStack.defaultDirectory()
            let port = basePort ?? LocalStack.recordedBasePort(in: directory) ?? LocalStack.defaultBasePort
            return LocalStack(directory: directory, basePort: port)
        }
    }

    struct Up: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start every server, wait until each answers, write the config file; prints its path last.")
        @OptionGroup var options: Options

        @Flag(help: "Instances at https:// URLs: a local CA and a certificate made with openssl in <dir>/tls, ca_file in the config; `simulate` serves them over TLS.")
        var httpsInstances = false

        func run() throws {
            var stack = options.stack
            stack.httpsInstances = httpsInstances
            var started = false
            let config = try StackCommand.reporting("up", hint: {
                started ? "The servers that answered keep running; `studyspot stack down --dir \(stack.directory.path)` stops them." : nil
            }) {
                try stack.up { print($0.line); fflush(nil); started = started || $0.outcome != .alreadyRunning }
            }
            print(config.path)
        }
    }

    struct Down: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the servers this stack started.")
        @OptionGroup var options: Options

        func run() throws {
            let stack = options.stack
            let stopped = try StackCommand.reporting("down") {
                try stack.down { print($0.line); fflush(nil) }
            }
            if stopped.isEmpty { print("nothing was running in \(stack.directory.path)") }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show each server; exit status 0 when all run and answer, 1 otherwise.")
        @OptionGroup var options: Options

        func run() throws {
            let stack = options.stack
            let statuses = stack.status()
            print("stack \(stack.directory.path)")
            statuses.forEach { print($0.line) }
            if !statuses.allSatisfy(\.healthy) { throw ExitCode.failure }
        }
    }

    /// Prints a stack error as one clear message on stderr (no usage text) and exits 1.
    static func reporting<T>(_ verb: String, hint: () -> String? = { nil }, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as LocalStackError {
            let extra = hint().map { "\n" + $0 } ?? ""
            FileHandle.standardError.write(Data("studyspot stack \(verb): \(error.description)\(extra)\n".utf8))
            throw ExitCode.failure
        }
    }
}
