import Benchmark
import BenchScene
import TerminalUI

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput],
                                           maxDuration: .seconds(3), maxIterations: 10_000)

    Benchmark("Full render 200x60, every widget (widgets into a Buffer)") { benchmark in
        var buffer = Buffer(width: Scene.width, height: Scene.height)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            Scene.render(into: &buffer)
            blackHole(buffer)
        }
    }

    Benchmark("Full frame 200x60: render + diff + ANSI encode (one changed row)") { benchmark in
        var previous = Buffer(width: Scene.width, height: Scene.height)
        Scene.render(into: &previous)
        var next = previous
        let encoder = AnsiEncoder(depth: .ansi256)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            Scene.render(into: &next, changedRow: true)
            blackHole(encoder.encode(FrameDiff.updates(from: previous, to: next), clusters: next.clusters))
        }
    }

    Benchmark("Diff of an unchanged 200x60 frame") { benchmark in
        var a = Buffer(width: Scene.width, height: Scene.height)
        Scene.render(into: &a)
        let b = a
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(FrameDiff.updates(from: a, to: b))
        }
    }
}
