// libFuzzer entry: Redis INFO parsing must never trap, and its derived fields neither.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInfo(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let info = RedisInfo(parsing: text)
    _ = (info.hitRate, info.commandCalls, info.keysPerDatabase, info.maxMemoryBytes, info.usedMemoryBytes)
    return 0
}
