//! Closing connections while the process exits.
//!
//! SQLCipher tears down its global state (static mutexes, the crypto provider) from an `atexit`
//! handler and a `.fini_array` destructor. A connection that a Swift task or a JVM thread closes
//! on another thread while the process is exiting then touches freed state and crashes the exit
//! (seen once in CI, after every XCTest had passed). So this module registers its own `atexit`
//! handler after SQLite has initialised — handlers run in reverse order, so it runs first — which
//! waits for closes in progress and marks the process as exiting; from then on a store's
//! connection is leaked instead of closed. Nothing is lost: every write committed in its own
//! transaction (WAL), and the OS reclaims the file handles.
//!
//! Must never: skip a close while the process is not exiting (erase and restore depend on it).

use std::sync::{Once, PoisonError, RwLock};

use rusqlite::Connection;

/// `true` once the process has begun to exit; readers hold it across a close.
static EXITING: RwLock<bool> = RwLock::new(false);
static REGISTER: Once = Once::new();

unsafe extern "C" {
    fn atexit(callback: extern "C" fn()) -> std::ffi::c_int;
}

extern "C" fn on_exit() {
    // Waits for any close in progress on another thread, then stops new ones.
    *EXITING.write().unwrap_or_else(PoisonError::into_inner) = true;
}

/// Registers the exit handler, once per process; call after SQLite is initialised (after the
/// first connection opened), so that it runs before SQLCipher's own handler.
pub(super) fn register() {
    REGISTER.call_once(|| {
        // SAFETY: `on_exit` is a plain `extern "C" fn()` that neither unwinds nor calls `exit`.
        // A failed registration (only on allocation failure) leaves today's behaviour.
        let _ = unsafe { atexit(on_exit) };
    });
}

/// Closes `conn`, unless the process is exiting, in which case the connection is leaked.
pub(super) fn close(conn: Connection) {
    let exiting = EXITING.read().unwrap_or_else(PoisonError::into_inner);
    if *exiting {
        std::mem::forget(conn);
    } else {
        drop(conn);
    }
}
