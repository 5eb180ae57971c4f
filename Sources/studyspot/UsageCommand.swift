import ArgumentParser
import Foundation
import StudySpotCollectors
import StudySpotCommandLine
import StudySpotConfig
import StudySpotWire

/// `studyspot usage set`: a usage figure entered by hand, for providers
/// without a usable usage API (PROVIDERS.md's last table).
struct UsageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usage",
        abstract: "Enter usage by hand for providers without a usage API.",
        subcommands: [Set.self])

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store PROVIDER's RESOURCE usage as AMOUNT (source 'manual') in ops.usage_samples.",
            discussion: "AMOUNT is in the quota catalog's unit for the resource unless --unit names another it converts from (MB to GB…).")

        @OptionGroup var options: ConfigOptions
        @Argument(help: "A provider of the quota catalog (render, backblaze-b2…).") var provider: String
        @Argument(help: "One of the provider's catalog resources (instance-hours…).") var resource: String
        @Argument(help: "The amount used in the current period.") var amount: String
        @Option(help: "The quota account it belongs to (render-2); else the provider's only account.") var account: String?
        @Option(help: "The amount's unit, when not the catalog's.") var unit: String?

        func run() throws {
            let config = try options.load()
            let row: UsageRow
            do {
                row = try ManualUsage.row(provider: provider, resource: resource, amount: amount, unit: unit,
                                          account: account, quotas: config.quotas, now: Date())
            } catch {
                printError("usage set: \(error.description)")
                throw ExitCode(1)
            }
            guard let ops = config.topology.opsShard else {
                printError("usage set: no ops shard in \(config.source.displayName)")
                throw ExitCode(2)
            }
            let store = CollectorStore(ops: ops)
            defer { store.close() }
            do { try store.insert([row], now: Date()) } catch {
                printError("usage set: \(error.description)")
                throw ExitCode(2)
            }
            let who = row.account.map { " (\($0))" } ?? ""
            print("stored \(row.provider)/\(row.resource)\(who): \(CollectorPlan.amount(row.used)) \(row.unit) "
                  + "for the period from \(ProviderDates.day(row.periodStart)), entered by hand")
            commandLog("studyspot.usage")(false, "usage set \(row.provider)/\(row.resource)\(who) = \(row.used) \(row.unit)")
        }
    }
}
