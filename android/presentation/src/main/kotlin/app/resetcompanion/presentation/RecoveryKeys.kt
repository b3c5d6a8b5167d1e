package app.resetcompanion.presentation

import app.resetcompanion.core.security.RecoveryKeyStore

/**
 * Where the presentation layer keeps the recovery key: the Keystore-wrapped file in the app
 * (`RecoveryKeyStore`, through [asRecoveryKeys]), memory in tests and the desktop harness. During
 * a key rotation the new key waits as *pending* beside the current one until the commit. No
 * implementation logs a key or puts it in a message.
 */
interface RecoveryKeys {
    fun read(): String?
    fun save(key: String)
    fun delete()
    fun readPending(): String?
    fun savePending(key: String)
    fun deletePending()

    /**
     * True while the current key has not been confirmed by typing two groups back (the turn-on
     * ceremony was left by Back or a kill): the runner and the daily job write nothing under it,
     * and the settings screen says "Finish setting up" (review android4, F1). Kept outside the
     * view model so it outlives the screen and the process.
     */
    fun isUnconfirmed(): Boolean

    /** Sets or clears [isUnconfirmed]. */
    fun markUnconfirmed(unconfirmed: Boolean)

    /** After a commit the pending key becomes the current one (killed in between, the next settle promotes again). */
    fun promotePending() {
        val pending = readPending() ?: return
        save(pending)
        deletePending()
    }

    /** Keys held in memory only: the desktop harness and screen tests (never the app). */
    class InMemory : RecoveryKeys {
        private var key: String? = null
        private var pending: String? = null
        private var unconfirmed = false
        override fun read() = key
        override fun save(key: String) {
            this.key = key
        }
        override fun delete() {
            key = null
        }
        override fun readPending() = pending
        override fun savePending(key: String) {
            pending = key
        }
        override fun deletePending() {
            pending = null
        }
        override fun isUnconfirmed() = unconfirmed
        override fun markUnconfirmed(unconfirmed: Boolean) {
            this.unconfirmed = unconfirmed
        }
    }
}

/** The app's recovery key: wrapped by the AndroidKeyStore key, in the no-backup files folder. */
fun RecoveryKeyStore.asRecoveryKeys(): RecoveryKeys = object : RecoveryKeys {
    override fun read() = this@asRecoveryKeys.read()
    override fun save(key: String) = this@asRecoveryKeys.save(key)
    override fun delete() = this@asRecoveryKeys.delete()
    override fun readPending() = this@asRecoveryKeys.readPending()
    override fun savePending(key: String) = this@asRecoveryKeys.savePending(key)
    override fun deletePending() = this@asRecoveryKeys.deletePending()
    override fun isUnconfirmed() = this@asRecoveryKeys.isUnconfirmed()
    override fun markUnconfirmed(unconfirmed: Boolean) = this@asRecoveryKeys.markUnconfirmed(unconfirmed)
}
