import TerminalUI

/// The eight panes of CONTRACT §6, in tab order.
public enum Pane: String, Sendable, CaseIterable, Hashable {
    case overview, bookings, seats, quotas, instances, shards, caches, alerts

    /// The digit that selects it.
    public var number: Int { Pane.allCases.firstIndex(of: self)! + 1 }

    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// Roles that may see the pane: owners see only their bookings and seats.
    public func isVisible(to role: ConsoleRole) -> Bool {
        role == .owner ? (self == .bookings || self == .seats) : true
    }

    /// The smallest body (inside tab bar and status bar) the pane can draw in.
    public var minimumSize: Size {
        switch self {
        case .overview: Size(width: 80, height: 20)
        case .bookings: Size(width: 60, height: 10)
        case .seats: Size(width: 50, height: 12)
        case .quotas: Size(width: 70, height: 12)
        case .instances: Size(width: 80, height: 12)
        case .shards, .caches: Size(width: 60, height: 10)
        case .alerts: Size(width: 50, height: 8)
        }
    }

    /// What the pane will hold once its monitor lands.
    public var placeholder: String {
        switch self {
        case .overview: "The worst of everything on one screen: instance, shard and cache health, traffic shares, today's bookings with a per-minute sparkline, the quotas closest to their limits, and the latest alerts."
        case .bookings: "The live booking feed from every users shard: time, library, seat, user, status, amount and shard, newest first, filterable."
        case .seats: "One library's seats by zone, row and column, live: free, reserved, checked in, maintenance and retired, with the next booking of the selected seat."
        case .quotas: "Every free-tier quota: used and limit, burn rate, projected use at period end and the date it runs out, grouped by category."
        case .instances: "The five API instances: state, latency percentiles, failed probes, weight, priority, requests today and the traffic share if one fails. Operators can drain and reweight."
        case .shards: "The PostgreSQL shards: reachability, latency, size against the free-tier limit, user ranges and connections."
        case .caches: "The Redis caches: reachability, memory against the limit, commands today, hit rate and the load balancer's state keys."
        case .alerts: "Active and recent alerts with severity, source and how long they have lasted."
        }
    }
}
