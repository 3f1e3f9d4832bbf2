import Glibc

/// The process's limit on open descriptors (RLIMIT_NOFILE); each connection holds one.
public enum DescriptorLimit {
    /// Raises the soft limit to the hard one and returns the soft limit now in force. The soft
    /// limit often starts at 1024, below the connections a server is configured for, and
    /// raising it as far as the hard limit needs no privilege.
    @discardableResult
    public static func raiseToHardLimit() throws -> Int {
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { throw SocketError("getrlimit(RLIMIT_NOFILE)") }
        if limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max
            guard setrlimit(resource, &limit) == 0 else { throw SocketError("setrlimit(RLIMIT_NOFILE)") }
        }
        return Int(clamping: limit.rlim_cur)
    }
}
