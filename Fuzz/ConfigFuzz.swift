// libFuzzer entry: the config loader (parse, validate, interpolate) must never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = ConfigLoader.check(text: text, file: "fuzz.toml", environment: ["HOME": "/tmp", "PASSWORD": "pw"])
    return 0
}
