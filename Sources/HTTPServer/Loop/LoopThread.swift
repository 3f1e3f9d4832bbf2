import Glibc

/// Which event loop, if any, the calling thread runs: a thread-local set once per loop thread.
enum LoopThread {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let created = pthread_key_create(&key, nil)
        precondition(created == 0, "pthread_key_create")
        return key
    }()

    /// Marks the calling thread as running loop `index`.
    static func enter(index: Int) {
        _ = pthread_setspecific(key, UnsafeRawPointer(bitPattern: index + 1))
    }

    static var index: Int? {
        pthread_getspecific(key).map { Int(bitPattern: $0) - 1 }
    }
}

extension HTTPServer {
    /// The number of the event loop running the calling thread (from 0), or nil off the loops.
    /// Observers are called on a loop, so they can keep per-loop state by it and share no lock.
    public static var currentLoopIndex: Int? { LoopThread.index }
}
