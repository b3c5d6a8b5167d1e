package app.resetcompanion.core

import app.resetcompanion.core.security.DatabaseKeyProvider
import app.resetcompanion.core.security.KeyUnavailable
import app.resetcompanion.core.security.KeyWrapper
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.security.SecureRandom
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

/** The AndroidKeyStore stand-in: a real AES-256-GCM key held in memory, same cipher as on a device. */
class InMemoryKeystore : KeyWrapper {
    private var key: SecretKey? = null
    var created = 0

    override fun wrap(plain: ByteArray): KeyWrapper.Sealed {
        val k = key ?: KeyGenerator.getInstance("AES").apply { init(256) }.generateKey().also {
            key = it
            created++
        }
        val cipher = Cipher.getInstance("AES/GCM/NoPadding").apply { init(Cipher.ENCRYPT_MODE, k) }
        return KeyWrapper.Sealed(cipher.iv, cipher.doFinal(plain))
    }

    override fun unwrap(sealed: KeyWrapper.Sealed): ByteArray {
        val k = key ?: throw java.security.UnrecoverableKeyException("no wrapping key")
        val cipher = Cipher.getInstance("AES/GCM/NoPadding").apply { init(Cipher.DECRYPT_MODE, k, GCMParameterSpec(128, sealed.iv)) }
        return cipher.doFinal(sealed.ciphertext)
    }

    override fun delete() {
        key = null
    }
}

class DatabaseKeyTest {
    private val dir = scratchDir()
    private val wrapped = File(dir, "no_backup/db.key")
    private val keystore = InMemoryKeystore()
    private val provider = DatabaseKeyProvider(keystore, wrapped, SecureRandom())

    @Test
    fun `first launch makes a random key, stores it wrapped, and later launches get the same key`() {
        val key = provider.obtain(databaseExists = false)
        assertEquals(32, key.size)
        assertTrue(wrapped.exists())
        assertEquals(1 + 12 + 48, wrapped.length().toInt())
        assertFalse(wrapped.readBytes().toList().windowed(32).any { it.toByteArray().contentEquals(key) }, "the key is never stored in the clear")
        assertArrayEquals(key, provider.obtain(databaseExists = true))
        assertEquals(1, keystore.created)
        assertFalse(File(wrapped.path + ".tmp").exists())
    }

    @Test
    fun `two installs get different keys`() {
        val other = DatabaseKeyProvider(InMemoryKeystore(), File(scratchDir(), "db.key"))
        assertFalse(provider.obtain(false).contentEquals(other.obtain(false)))
    }

    @Test
    fun `the key opens a real encrypted store across launches`() = runBlocking {
        val db = File(dir, "profile.db")
        ResetStore.open(db.path, provider.obtain(db.exists()), "Europe/London").use { it.setPreference("region", "GB") }
        ResetStore.open(db.path, provider.obtain(db.exists()), "Europe/London").use { assertEquals("GB", it.preference("region")) }
    }

    @Test
    fun `a database without its key is never given a new one`() {
        assertThrows(KeyUnavailable.Missing::class.java) { provider.obtain(databaseExists = true) }
        assertFalse(wrapped.exists())
    }

    @Test
    fun `a lost wrapping key or an altered file is reported, not replaced`() {
        provider.obtain(false)
        val bytes = wrapped.readBytes()
        bytes[bytes.size - 1] = (bytes.last() + 1).toByte()
        wrapped.writeBytes(bytes)
        assertThrows(KeyUnavailable.Unwrappable::class.java) { provider.obtain(true) }
        wrapped.writeBytes(byteArrayOf(9) + bytes.copyOfRange(1, bytes.size))
        assertThrows(KeyUnavailable.Damaged::class.java) { provider.obtain(true) }
        wrapped.writeBytes(bytes.copyOfRange(0, 20))
        assertThrows(KeyUnavailable.Damaged::class.java) { provider.obtain(true) }
    }

    @Test
    fun `destroy removes both the file and the wrapping key`() {
        provider.obtain(false)
        provider.destroy()
        assertFalse(wrapped.exists())
        // A fresh install after erase-all gets a new key (the old database is gone too).
        val again = provider.obtain(databaseExists = false)
        assertEquals(2, keystore.created)
        assertEquals(32, again.size)
    }

    /** Fails transiently [failures] times before answering, as a busy keystore daemon does. */
    private class FlakyKeystore(private val inner: KeyWrapper, var failures: Int) : KeyWrapper by inner {
        override fun unwrap(sealed: KeyWrapper.Sealed): ByteArray {
            if (failures-- > 0) throw KeyWrapper.TransientFailure(java.security.ProviderException("Keystore operation failed"))
            return inner.unwrap(sealed)
        }
    }

    @Test
    fun `a transient keystore failure is retried and never reported as a lost key`() {
        val key = provider.obtain(false)
        val pauses = mutableListOf<Int>()
        val flaky = FlakyKeystore(keystore, failures = 2)
        val retrying = DatabaseKeyProvider(flaky, wrapped, SecureRandom()) { pauses += it }
        assertArrayEquals(key, retrying.obtain(databaseExists = true))
        assertEquals(listOf(1, 2), pauses, "two pauses, growing")
    }

    @Test
    fun `a keystore that keeps failing transiently is KeystoreBusy, not KeyUnavailable`() {
        provider.obtain(false)
        val flaky = FlakyKeystore(keystore, failures = 100)
        val retrying = DatabaseKeyProvider(flaky, wrapped, SecureRandom()) {}
        val e = assertThrows(app.resetcompanion.core.security.KeystoreBusy::class.java) { retrying.obtain(databaseExists = true) }
        assertFalse(e is KeyUnavailable)
        assertEquals(100 - DatabaseKeyProvider.ATTEMPTS, flaky.failures)
        assertTrue(wrapped.exists(), "the wrapped key is kept for the next try")
    }

    @Test
    fun `the key file is written whole through a synced temporary file and an atomic rename`() {
        provider.obtain(false)
        assertEquals(1 + DatabaseKeyProvider.IV_BYTES + DatabaseKeyProvider.SEALED_BYTES, wrapped.length().toInt())
        assertEquals(listOf("db.key"), wrapped.parentFile.list()!!.toList(), "no temporary file left behind")
        // Replacing an existing file is atomic too (erase-all, then a new profile).
        DatabaseKeyProvider.writeDurably(wrapped, byteArrayOf(1, 2, 3))
        assertArrayEquals(byteArrayOf(1, 2, 3), wrapped.readBytes())
    }
}
