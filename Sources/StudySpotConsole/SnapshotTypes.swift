import Foundation

/// One booking change as `snapshot --format json` lists it under `bookings.recent`.
public struct BookingSummary: Sendable, Equatable, Codable {
    public var id: Int64
    public var library: String
    public var seat: String
    public var status: String
    public var updatedAt: Date
    public init(id: Int64, library: String, seat: String, status: String, updatedAt: Date) {
        self.id = id; self.library = library; self.seat = seat; self.status = status; self.updatedAt = updatedAt
    }
}

/// The console's own cost against one target, for `snapshot`'s `console_cost`.
public struct CostLine: Sendable, Equatable, Codable {
    public var target: String
    public var operationsToday: Int
    /// Projected daily use as a share of the budget (1.0 = the whole budget).
    public var budgetShare: Double
    /// Watched too briefly to project a day from (`CostProjection.measuring`).
    public var measuring: Bool
    public init(target: String, operationsToday: Int, budgetShare: Double, measuring: Bool = false) {
        self.target = target; self.operationsToday = operationsToday; self.budgetShare = budgetShare; self.measuring = measuring
    }
}
