import Foundation
import StudySpotConfig
import StudySpotConsole
import StudySpotCore
import StudySpotMonitors
import StudySpotWire

// The operators' monitors: instances, shards, caches, alert acknowledgements
// and the operator actions (drain, undrain, weight, acknowledge).
extension Monitors {
    func startOperatorMonitors(config: ConsoleConfig, options: DashboardOptions,
                               post: @escaping @Sendable (MonitorEvent) -> Void) {
        let topo = config.topology
        let pace = MonitorPace(policy: policy)
        post(.shards(.configured(topo.shards.map { ShardHealth(name: $0.name, provider: $0.provider, role: $0.role, users: $0.users) })))
        post(.caches(.configured(topo.caches.map { CacheHealth(name: $0.name, provider: $0.provider, role: $0.role) })))
        // On the relay the health panes read what it publishes once for every console.
        let refreshAfterAction = config.feed == .relay
            ? startRelayReadings(config: config, pace: pace, post: post) ?? {}
            : startHealthMonitors(config: config, pace: pace, post: post)

        // The Events pane's operator actions (this file runs for operators and admins only).
        if let ops = topo.opsShard {
            let audit = AuditLogMonitor(opsShard: ops, role: options.role.rawValue, pace: pace, counter: counter) { rows, problem in
                post(.events(.audit(rows, problem: problem)))
            }
            add(audit)
            audit.start()
        }

        let actions = OperatorActionRunner(config: config, options: options, post: post,
                                           refresh: refreshAfterAction, counter: counter)
        onEffect { effect in
            switch effect {
            case .setPaused(let p): pace.setPaused(p)
            case .setRefreshInterval(let seconds): pace.setRefresh(seconds: seconds)
            default: actions.handle(effect)
            }
        }
    }

    /// Every shard, cache and instance polled by this console (direct mode);
    /// returns what the operator actions poke after they wrote the state cache.
    private func startHealthMonitors(config: ConsoleConfig, pace: MonitorPace,
                                     post: @escaping @Sendable (MonitorEvent) -> Void) -> @Sendable () -> Void {
        let topo = config.topology
        let instances = InstanceProbeMonitor(instances: topo.instances, stateCache: topo.stateCache, pace: pace, counter: counter) { list, error in
            post(.instances(.reading(list, stateCacheError: error)))
        }
        add(instances)
        instances.start()
        for shard in topo.shards {
            let m = ShardMonitor(shard: shard, quotas: config.quotas, pace: pace, counter: counter) { post(.shards(.reading($0))) }
            add(m)
            m.start()
        }
        var stateMonitor: CacheMonitor?
        for cache in topo.caches {
            let m = CacheMonitor(cache: cache, pace: pace, counter: counter) { health, acks in
                post(.caches(.reading(health)))
                if let acks { post(.alerts(.acknowledged(acks))) }
            }
            if cache.role == .state { stateMonitor = m }
            add(m)
            m.start()
        }
        return { [stateMonitor] in
            instances.refreshNow()
            stateMonitor?.refreshNow()
        }
    }
}

extension InstanceProbeMonitor: BackgroundMonitor {}
extension ShardMonitor: BackgroundMonitor {}
extension CacheMonitor: BackgroundMonitor {}
extension AuditLogMonitor: BackgroundMonitor {}

/// Runs confirmed operator actions off the UI thread and reports the result.
/// `Monitors.handle` has already passed the effect through the gate; the
/// runner asks the same gate again, as it would be the last line if it were
/// ever called some other way.
final class OperatorActionRunner: Sendable {
    let config: ConsoleConfig
    let options: DashboardOptions
    let post: @Sendable (MonitorEvent) -> Void
    /// Reads the instances and the state cache again, so the action shows at once.
    let refresh: @Sendable () -> Void
    let counter: OperationCounter

    init(config: ConsoleConfig, options: DashboardOptions, post: @escaping @Sendable (MonitorEvent) -> Void,
         refresh: @escaping @Sendable () -> Void, counter: OperationCounter) {
        self.config = config; self.options = options; self.post = post
        self.refresh = refresh; self.counter = counter
    }

    /// The OS user at the console, for the audit log.
    static var actor: String {
        ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] ?? NSUserName()
    }

    func handle(_ effect: Effect) {
        guard case .operatorCommand(let command) = effect else { return }
        if case .refused(let why) = ConsoleKeyMap.gate(effect: effect, role: options.role, readOnly: options.readOnly) {
            post(.instances(.actionResult(ok: false, message: "refused: \(why)")))
            return
        }
        let name = command.target
        var detail: [String: String] = [:]
        let kind: OperatorActionKind
        switch command {
        case .drain: kind = .drain
        case .undrain: kind = .undrain
        case .setWeight(_, let w):
            kind = .setWeight(w); detail["weight"] = String(w)
            if let c = config.topology.instances.first(where: { $0.name == name }) { detail["configured_weight"] = String(c.weight) }
        case .acknowledge: kind = .acknowledge
        }
        let topo = config.topology
        let role = options.role.rawValue
        Thread.detachNewThread { [self, name, detail] in
            guard let ops = topo.opsShard, let state = topo.stateCache else {
                post(.instances(.actionResult(ok: false, message: "\(kind.auditName) failed: no ops shard or state cache configured")))
                return
            }
            do {
                try OperatorActions.perform(kind, target: name, actor: Self.actor, role: role, detail: detail,
                                            opsShard: ops, stateCache: state, counter: counter)
                refresh()
                post(.instances(.actionResult(ok: true, message: "\(kind.auditName) \(name) done (audit log written)")))
            } catch {
                post(.instances(.actionResult(ok: false, message: "\(kind.auditName) \(name) failed: \(String(describing: error))")))
            }
        }
    }
}
