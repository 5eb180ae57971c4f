import Foundation
import StudySpotCollectors
import StudySpotConfig
import StudySpotCore

/// `usage set`'s input checked against the quota catalog: the figure an
/// admin reads off a provider's dashboard when its API gives none
/// (PROVIDERS.md's last table). Pure.
enum ManualUsage {
    struct Refusal: Error, CustomStringConvertible {
        var description: String
    }

    static func row(provider: String, resource: String, amount text: String, unit: String?, account: String?,
                    quotas: [QuotaEntry], now: Date) throws(Refusal) -> UsageRow {
        let providers = quotas.providers
        guard providers.contains(provider) else {
            throw Refusal(description: "unknown provider \"\(provider)\"; "
                + NearestName.suggestionOrList(for: provider, among: providers, what: "the quota catalog's providers"))
        }
        let resources = quotas.filter { $0.provider == provider }.map(\.resource)
            .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let account = account.flatMap { $0.isEmpty ? nil : $0 }
        guard let entry = UsageRow.catalogEntry(provider: provider, resource: resource, account: account, in: quotas) else {
            throw Refusal(description: "unknown resource \"\(resource)\" of \(provider); "
                + NearestName.suggestionOrList(for: resource, among: resources, what: "\(provider)'s resources"))
        }
        guard let amount = Double(text.trimmingCharacters(in: .whitespaces)), amount.isFinite else {
            throw Refusal(description: "amount \"\(text.prefix(40))\" is not a number (write it as 12.5, in \(entry.unit) unless --unit says otherwise)")
        }
        guard amount >= 0 else { throw Refusal(description: "amount \(text) is negative: usage is 0 or more") }
        var used = amount
        if let unit, unit != entry.unit {
            guard let converted = UsageUnits.convert(amount, from: unit, to: entry.unit) else {
                throw Refusal(description: "\(provider)/\(resource) is counted in \(entry.unit); \(unit) cannot be converted to it")
            }
            used = converted
        }
        return UsageRow(provider: provider, resource: resource, used: used, unit: entry.unit,
                        periodStart: UsageRow.periodStart(of: entry, at: now),
                        account: account, source: .manual, limit: nil)
    }
}
