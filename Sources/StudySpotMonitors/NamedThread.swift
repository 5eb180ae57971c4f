import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// glibc's pthread_setname_np; its header hides it behind _GNU_SOURCE, which SwiftPM drops.
@_silgen_name("pthread_setname_np") private func c_pthread_setname_np(_ thread: pthread_t, _ name: UnsafePointer<CChar>) -> Int32

/// The console's threads by what they watch, for `top -H`, `ps -L`, btop,
/// gdb and /proc/PID/task/*/comm: Foundation's `Thread.name` stays inside
/// Foundation on Linux, so without this every thread reads as the binary.
public enum NamedThread {
    /// Linux keeps 15 bytes of a thread's name.
    public static let maxLength = 15

    /// Starts `body` on a thread of its own, named `name` for Foundation and the OS.
    public static func start(_ name: String, stackSize: Int? = nil, _ body: @escaping @Sendable () -> Void) {
        let t = thread(name, body)
        if let stackSize { t.stackSize = stackSize }
        t.start()
    }

    /// A thread not yet started that names itself when it starts.
    public static func thread(_ name: String, _ body: @escaping @Sendable () -> Void) -> Thread {
        let t = Thread { nameCurrent(name); body() }
        t.name = name
        return t
    }

    /// Names the calling thread; a longer name keeps its first 15 bytes (names are ASCII).
    public static func nameCurrent(_ name: String) {
        var bytes = Array(name.utf8.prefix(maxLength)).map { CChar(bitPattern: $0) }
        bytes.append(0)
        _ = c_pthread_setname_np(pthread_self(), bytes)
    }
}
