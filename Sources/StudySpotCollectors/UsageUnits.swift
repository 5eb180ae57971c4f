import Foundation

/// Unit conversions from what the providers' APIs report to the catalog's
/// units. Pure: tested on their own. Gigabytes here are the binary ones
/// the console uses everywhere (1 GB = 1,073,741,824 bytes), as the
/// providers' dashboards mostly show them.
public enum UsageUnits {
    public static let bytesPerGB = 1_073_741_824.0
    public static let bytesPerMB = 1_048_576.0

    /// Bytes in the catalog's unit ("GB", "MB"); nil for any other unit.
    public static func fromBytes(_ bytes: Double, to unit: String) -> Double? {
        switch unit.uppercased() {
        case "GB": bytes / bytesPerGB
        case "MB": bytes / bytesPerMB
        case "BYTES", "B": bytes
        default: nil
        }
    }

    /// An amount in `from` ("MB", "KB", "GB", "bytes", "MiB"…) in `to`; nil when either is unknown.
    public static func convert(_ amount: Double, from: String, to: String) -> Double? {
        guard let bytes = bytesIn(from) else { return from.caseInsensitiveCompare(to) == .orderedSame ? amount : nil }
        return fromBytes(amount * bytes, to: to)
    }

    static func bytesIn(_ unit: String) -> Double? {
        switch unit.lowercased() {
        case "b", "byte", "bytes": 1
        case "kb", "kib", "kilobytes": 1_024
        case "mb", "mib", "megabytes": bytesPerMB
        case "gb", "gib", "gigabytes": bytesPerGB
        case "tb", "tib", "terabytes": bytesPerGB * 1_024
        default: nil
        }
    }

    public static func hours(fromSeconds seconds: Double) -> Double { seconds / 3_600 }
}
