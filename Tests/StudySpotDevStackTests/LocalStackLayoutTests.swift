import Foundation
@testable import StudySpotDevStack
import Testing
import StudySpotCore

struct LocalStackLayoutTests {
    @Test func portsFollowTheBase() {
        let ports = Dictionary(uniqueKeysWithValues: LocalStack.servers(basePort: 54320).map { ($0.name, $0.port) })
        #expect(ports == ["catalog": 54320, "neon": 54321, "supabase": 54322, "planetscale": 54323, "xata": 54324,
                          "upstash": 54330, "railway-redis": 54331, "redis-cloud": 54332])
    }

    @Test func topologyIsThePlans() {
        let topology = LocalStack(directory: URL(fileURLWithPath: "/tmp/x"), basePort: 54320).topology(password: "pw")
        #expect(topology.opsShard?.name == "neon")
        #expect(topology.usersShards.map(\.users) == [UserRange(lower: 1, upper: 7500), UserRange(lower: 7501, upper: 10000),
                                                      UserRange(lower: 10001, upper: nil)])
        #expect(topology.catalogShard?.provider == "turso")
        #expect(topology.archiveShard?.name == "xata")
        #expect(topology.stateCache?.name == "railway-redis")
        #expect(topology.shards[1].dsn == "host=127.0.0.1 port=54321 dbname=studyspot user=studyspot password=pw connect_timeout=3")
        #expect(topology.caches[1].url == "redis://:pw@127.0.0.1:54331/0")
        #expect(topology.instances.map(\.weight) == [60, 20, 15, 3, 2])
        #expect(topology.instances.map(\.url) == (54340...54344).map { "http://127.0.0.1:\($0)" })
    }

    @Test func twoStacksOneApartInPortSpanShareNoPort() {
        func ports(_ base: Int) -> Set<Int> {
            let urls = LocalStack.instances(basePort: base).compactMap { URL(string: $0.url)?.port }
            return Set(LocalStack.servers(basePort: base).map(\.port) + urls)
        }
        let first = ports(55400)
        #expect(first.count == 13)
        #expect(first.allSatisfy { $0 < 55400 + LocalStack.portSpan })
        #expect(first.isDisjoint(with: ports(55400 + LocalStack.portSpan)))
    }

    @Test(arguments: [
        ("plain", #""plain""#),
        (#"a "quoted" \ path"#, #""a \"quoted\" \\ path""#),
        ("line\nbreak\ttab", #""line\nbreak\ttab""#),
        ("bell\u{07}", #""bell\u0007""#),
        ("देवनागरी 🎟️", "\"देवनागरी 🎟️\""),
    ])
    func tomlStringsAreEscaped(input: String, expected: String) {
        #expect(LocalStackConfigFile.quoted(input) == expected)
    }

    @Test func defaultDirectoryFollowsXDGAndAvoidsRootsHome() {
        #expect(LocalStack.defaultDirectory(environment: ["HOME": "/root"], isRoot: true).path == "/var/lib/studyspot/stack")
        #expect(LocalStack.defaultDirectory(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"], isRoot: false).path == "/s/studyspot/stack")
        #expect(LocalStack.defaultDirectory(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"], isRoot: false).path
                == "/h/.local/state/studyspot/stack")
    }

    @Test func passwordsAreLongAndNeedNoQuoting() {
        let one = LocalStackSecret.generate(), two = LocalStackSecret.generate()
        #expect(one.count == 32 && one != two)
        #expect(one.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
    }
}
