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
}
