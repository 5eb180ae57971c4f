import Foundation
import StudySpotCore
import TerminalUI

// Usage the metering should never report: negative amounts and
// samples that are not numbers, flagged on the gauge's row and below the list.

/// "⚠ negative usage" / "⚠ 2 unusable samples" for a gauge's note, or "".
func quotaProblemNote(_ g: QuotaGauge) -> String {
    var parts: [String] = []
    if let low = ([g.used].compactMap { $0 } + g.history).min(), low < 0 { parts.append("⚠ negative usage \(DataProblems.number(low))") }
    if g.rejectedSamples > 0 { parts.append("⚠ \(g.rejectedSamples) unusable sample\(g.rejectedSamples == 1 ? "" : "s")") }
    return parts.joined(separator: " · ")
}

/// Lines under the gauge list: one per kind of usage problem.
func quotaDataProblemLines(_ s: State) -> [(String, Role)] {
    let problems = PlatformChecks.usage(s.quotas.gauges) + PlatformChecks.email(s.quotas.email)
    return DataProblems.summarize(problems).map { ("⚠ " + $0.text(examples: 4), .warning) }
}
