import Logging

/// A command's log lines in the log file (never the terminal), for modules
/// that take a closure instead of depending on swift-log.
public func commandLog(_ label: String) -> @Sendable (_ isError: Bool, _ message: String) -> Void {
    let logger = Logger(label: label)
    return { isError, message in
        if isError { logger.warning("\(message)") } else { logger.info("\(message)") }
    }
}
