import Foundation

/// CPU time and peak memory of this process and of child processes (getrusage, wait4).
public enum ProcessUsage {
    /// User + system seconds of this process, all threads.
    public static func selfCPUSeconds() -> Double { seconds(usage(RUSAGE_SELF_WHO)) }

    /// User + system seconds of the waited-for children.
    public static func childrenCPUSeconds() -> Double { seconds(usage(RUSAGE_CHILDREN_WHO)) }

    /// Peak resident memory of this process, in MiB.
    public static func selfPeakMiB() -> Double { Double(usage(RUSAGE_SELF_WHO).ru_maxrss) / 1024 }

    /// Runs `arguments` (program first) as a child process, waits for it and returns its own
    /// peak memory (from wait4, so other children do not blur it). Throws when it fails.
    public static func spawnAndWait(_ arguments: [String]) throws -> (maxRSSMiB: Double, status: Int32) {
        var pid: pid_t = 0
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        let spawned = posix_spawn(&pid, arguments[0], &actions, nil, &argv, environ)
        guard spawned == 0 else {
            throw VietdocError.invalidArgument("cannot run \(arguments[0]) (error \(spawned))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let exit = (status >> 8) & 0xFF
        guard status & 0x7F == 0, exit == 0 else {
            throw VietdocError.invalidArgument("\(arguments.joined(separator: " ")) failed (status \(status))")
        }
        return (Double(usage.ru_maxrss) / 1024, exit)
    }

    private static func usage(_ who: Int32Who) -> rusage {
        var u = rusage()
        getrusage(who, &u)
        return u
    }

    private static func seconds(_ usage: rusage) -> Double {
        func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return s(usage.ru_utime) + s(usage.ru_stime)
    }
}

#if os(Linux)
    typealias Int32Who = __rusage_who_t
    private let RUSAGE_SELF_WHO = __rusage_who_t(RUSAGE_SELF.rawValue)
    private let RUSAGE_CHILDREN_WHO = __rusage_who_t(RUSAGE_CHILDREN.rawValue)
#else
    typealias Int32Who = Int32
    private let RUSAGE_SELF_WHO = RUSAGE_SELF
    private let RUSAGE_CHILDREN_WHO = RUSAGE_CHILDREN
#endif
