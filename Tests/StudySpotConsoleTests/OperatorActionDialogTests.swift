import Foundation
import Testing
import StudySpotCore
@testable import StudySpotConsole
@testable import TerminalUI

@Suite("Operator actions: dialogs state the effect; the gate refuses owners and read-only")
struct OperatorActionDialogTests {
    static let noon = Date(timeIntervalSince1970: 1_764_072_000)

    static func instances() -> [InstanceHealth] {
        [("railway", 1, 60, InstanceState.up), ("render-1", 2, 20, .up), ("render-2", 2, 15, .sleeping), ("koyeb", 4, 2, .down)].map {
            var h = InstanceHealth(config: InstanceConfig(name: $0.0, provider: $0.0, url: "http://x", priority: $0.1, weight: $0.2, sleeps: false))
            h.state = $0.3
            return h
        }
    }

    static func state(_ role: ConsoleRole = .operator, readOnly: Bool = false) -> State {
        var s = State(role: role, readOnly: readOnly, size: Size(width: 120, height: 32), now: noon, timeZone: TimeZone(identifier: "UTC")!)
        s = update(s, .data(.instances(.reading(instances(), stateCacheError: nil)))).0
        if role != .owner { s = update(s, .key(Key(name: "5")!)).0 }
        return s
    }

    static func send(_ s: State, _ keys: [String]) -> (State, [Effect]) {
        var st = s, fx: [Effect] = []
        for k in keys { let (n, e) = update(st, .key(Key(name: k)!)); st = n; fx += e }
        return (st, fx)
    }
    static func type(_ s: State, _ text: String) -> State { send(s, text.map { $0 == " " ? "Space" : String($0) }).0 }

    static func render(_ s: State) -> String {
        var b = Buffer(size: s.size)
        view(s, into: &b)
        return b.trimmedTextDump
    }

    @Test func drainDialogStatesTheSharesAndSendsTheTarget() {
        var (s, _) = Self.send(Self.state(), ["j", "d"])  // render-1
        guard case .confirm(_, let d) = s.overlay else { Issue.record("no dialog"); return }
        #expect(d.phrase == "drain render-1")
        #expect(d.message.hasPrefix("drain render-1: railway 80.5% · render-2 19.5%. Now: railway 63.9% · render-1 20.6% · render-2 15.5%."))
        s = Self.type(s, "drain render-1")
        let (done, fx) = Self.send(s, ["Enter"])
        #expect(fx == [.operatorCommand(.drain(instance: "render-1"))])
        #expect(done.overlay == nil)
        // Nothing on screen claims the drain until the monitor reports it.
        #expect(!done.instances.instances[1].drained)
    }

    @Test func drainOfTheOnlyPriorityOneShowsWhereTrafficGoes() {
        let (s, _) = Self.send(Self.state(), ["d"])
        guard case .confirm(_, let d) = s.overlay else { Issue.record("no dialog"); return }
        #expect(d.message.hasPrefix("drain railway: render-1 57.1% · render-2 42.9%"))
    }

    @Test func weightNeedsANumberThenConfirmsWithTheEffect() {
        var (s, _) = Self.send(Self.state(), ["j", "w"])
        s = Self.type(s, "lots")
        (s, _) = Self.send(s, ["Enter"])
        guard case .confirm(_, let bad) = s.overlay else { Issue.record("dialog closed"); return }
        #expect(bad.message.contains("not a weight"))
        s = Self.type(s, "0")
        var fx: [Effect]
        (s, fx) = Self.send(s, ["Enter"])
        #expect(fx.isEmpty)
        guard case .confirm(_, let d) = s.overlay else { Issue.record("no confirmation"); return }
        #expect(d.phrase == "weight render-1 0")
        s = Self.type(s, "weight render-1 0")
        (s, fx) = Self.send(s, ["Enter"])
        #expect(fx == [.operatorCommand(.setWeight(instance: "render-1", weight: 0))])
    }

    @Test(arguments: [(ConsoleRole.operator, true), (.owner, false)])
    func refusedForReadOnlyAndOwners(_ role: ConsoleRole, _ readOnly: Bool) {
        var s = Self.state(role, readOnly: readOnly)
        s.pane = .instances  // even if an owner somehow reached the pane
        let (after, fx) = Self.send(s, ["d"])
        #expect(after.overlay == nil && fx.isEmpty)
        #expect(after.message?.text.hasPrefix("refused:") == true)
        let (w, wfx) = Self.send(s, ["w"])
        #expect(w.overlay == nil && wfx.isEmpty)
    }

    @Test func actionResultsShowTheErrorAndChangeNothing() {
        let s = Self.state()
        let after = update(s, .data(.instances(.actionResult(ok: false, message: "instances.drain railway failed: state cache: connection refused (nothing changed)")))).0
        #expect(after.message?.role == .critical)
        #expect(after.instances.instances == s.instances.instances)
    }

    @Test func instancesPaneShowsTheFailoverChain() {
        let text = Self.render(Self.state())
        #expect(text.contains("Traffic now: railway 63.9% · render-1 20.6% · render-2 15.5%"))
        #expect(text.contains("If railway fails → render-1 57.1% · render-2 42.9%"))
        #expect(text.contains("✕ down"))
        #expect(text.contains("d drain/undrain  w weight"))
        #expect(Self.render(Self.state(readOnly: true)).contains("drain and weight are off (read-only)"))
    }

    @Test func acknowledgingAnAlertIsGatedAndSharedThroughTheStateCache() {
        var s = Self.state()  // koyeb is down: one alert
        s = Self.send(s, ["8"]).0
        #expect(s.alerts.alerts.map(\.id) == ["instance.down:koyeb"])
        var (d, fx) = Self.send(s, ["a"])
        guard case .confirm(let id, _) = d.overlay else { Issue.record("no dialog"); return }
        #expect(id == .acknowledgeAlert && fx.isEmpty)
        (d, fx) = Self.send(d, ["Enter"])
        #expect(fx == [.operatorCommand(.acknowledge(alert: "instance.down:koyeb"))])
        // The acknowledgement shows once the state cache says so, on every console.
        d = update(d, .data(.alerts(.acknowledged(["instance.down:koyeb"])))).0
        #expect(d.alerts.alerts.first?.acknowledged == true && d.alerts.status == .ok)
        #expect(Self.render(d).contains("ack"))
        let ro = Self.send(Self.send(Self.state(readOnly: true), ["8"]).0, ["a"])
        #expect(ro.0.overlay == nil && ro.1.isEmpty && ro.0.message?.text.hasPrefix("refused:") == true)
    }
}
