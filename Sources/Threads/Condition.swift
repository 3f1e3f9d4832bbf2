import Glibc

/// A mutex and one condition variable over pthreads, for threads that sleep until work arrives
/// (what Foundation's NSCondition offers, without Foundation).
///
/// `@unchecked Sendable`: the pthread objects are made for sharing between threads.
public final class Condition: @unchecked Sendable {
    // On the heap: a pthread mutex or condition must never move once initialised.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    public init() {
        mutex.initialize(to: pthread_mutex_t())
        condition.initialize(to: pthread_cond_t())
        precondition(pthread_mutex_init(mutex, nil) == 0, "cannot create a mutex")
        precondition(pthread_cond_init(condition, nil) == 0, "cannot create a condition")
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// Takes the mutex, waiting while another thread holds it.
    public func lock() {
        pthread_mutex_lock(mutex)
    }

    /// Gives the mutex back; only the thread that took it may.
    public func unlock() {
        pthread_mutex_unlock(mutex)
    }

    /// Unlocks, sleeps until signalled, and locks again; call it locked. Wake-ups can be
    /// spurious, so callers wait in a loop that re-checks what they wait for.
    public func wait() {
        pthread_cond_wait(condition, mutex)
    }

    /// Wakes one waiting thread.
    public func signal() {
        pthread_cond_signal(condition)
    }

    /// Wakes every waiting thread.
    public func broadcast() {
        pthread_cond_broadcast(condition)
    }

    /// Runs `body` with the mutex locked.
    public func withLock<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        lock()
        defer { unlock() }
        return try body()
    }
}
