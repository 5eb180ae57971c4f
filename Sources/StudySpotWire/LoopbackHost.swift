import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whether a host is this machine, where a connection may skip TLS. Only an
/// address literal counts: `127.example.com` is a name anyone can point
/// anywhere, so it is not loopback however it starts.
public enum LoopbackHost {
    public static func contains(_ host: String) -> Bool {
        let h = host.lowercased()
        if h == "localhost" || h == "localhost." { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, h, &v4) == 1 { return UInt32(bigEndian: v4.s_addr) >> 24 == 127 }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, h, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { b in b.prefix(15).allSatisfy { $0 == 0 } && b[15] == 1 }
        }
        return false
    }
}
