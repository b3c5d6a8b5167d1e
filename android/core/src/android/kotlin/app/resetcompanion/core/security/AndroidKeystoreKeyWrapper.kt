package app.resetcompanion.core.security

import android.os.Build
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyPermanentlyInvalidatedException
import android.security.keystore.KeyProperties
import android.security.keystore.StrongBoxUnavailableException
import java.security.GeneralSecurityException
import java.security.KeyStore
import java.security.UnrecoverableKeyException
import javax.crypto.AEADBadTagException
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

// Android-only (src/android is compiled by Gradle, never by the JVM harness): the AES-256-GCM
// wrapping key lives in the AndroidKeyStore, non-exportable, StrongBox-backed where the device
// has one. No user-authentication requirement: reminder actions and the re-arm receiver must
// open the profile in the background after first unlock (the same policy as the iOS Keychain
// item's AfterFirstUnlockThisDeviceOnly). The decisions live in DatabaseKeyProvider.

/** Only loaded on API 28+, where StrongBoxUnavailableException exists. */
private object StrongBoxKeys {
    fun generate(generator: KeyGenerator, spec: KeyGenParameterSpec): SecretKey? = try {
        generator.init(spec)
        generator.generateKey()
    } catch (e: StrongBoxUnavailableException) {
        null
    }
}

/**
 * Creates the wrapping key: in StrongBox when [sdkInt] ≥ 28 and it works, else in the TEE.
 * Any failure of the StrongBox attempt falls back — not only `StrongBoxUnavailableException`:
 * some devices (public reports, e.g. Pixel 6) fail StrongBox generation with a plain
 * `ProviderException` ("Keystore key generation failed"). Falling back is always safe here:
 * the key is being created, so no profile depends on it yet. Only a TEE failure is reported.
 * A StrongBox key that generates but fails [usable] (a wrap/unwrap round trip: some devices'
 * StrongBox keys fail on first use, "Keystore operation failed" — review 2, B6) is not kept
 * either: [tee] replaces it (it deletes the alias first).
 */
internal fun generateWithFallback(sdkInt: Int, strongBox: () -> SecretKey?, usable: (SecretKey) -> Boolean = { true }, tee: () -> SecretKey): SecretKey {
    if (sdkInt >= Build.VERSION_CODES.P) {
        val key = try {
            strongBox()?.takeIf(usable)
        } catch (e: GeneralSecurityException) {
            null
        } catch (e: RuntimeException) {
            null // ProviderException and friends
        }
        if (key != null) return key
    }
    return tee()
}

/** [KeyWrapper] over the AndroidKeyStore. */
class AndroidKeystoreKeyWrapper(
    private val alias: String = DEFAULT_ALIAS,
    /**
     * Whether [wrap] may replace an existing key that fails to encrypt. True for the database
     * key (wrapped only while it is created); false for the recovery key (issue 21), which is
     * wrapped again on every rotation while the current one must stay readable: a failure is
     * then an error to retry, never a new key.
     */
    private val replaceUnusable: Boolean = true,
) : KeyWrapper {
    private val keyStore: KeyStore = KeyStore.getInstance(PROVIDER).apply { load(null) }

    // Wrapping happens only while the key is created (no key file, no database yet): an existing
    // alias that can't encrypt — a StrongBox key left by an earlier launch that generated but fails
    // on use (review 2, B6) — protects nothing, so it is replaced once instead of reused forever.
    override fun wrap(plain: ByteArray): KeyWrapper.Sealed = classified {
        val existing = existingKey()
        if (existing != null && !replaceUnusable) return@classified seal(existing, plain)
        val sealed = existing?.let { key ->
            try {
                seal(key, plain)
            } catch (e: GeneralSecurityException) {
                null
            } catch (e: RuntimeException) {
                null
            }
        }
        sealed ?: seal(generateKey(), plain)
    }

    private fun seal(key: SecretKey, plain: ByteArray): KeyWrapper.Sealed {
        val cipher = Cipher.getInstance(TRANSFORMATION)
        // The keystore picks a random IV (randomized encryption is required by default).
        cipher.init(Cipher.ENCRYPT_MODE, key)
        return KeyWrapper.Sealed(cipher.iv, cipher.doFinal(plain))
    }

    /** Whether [key] can wrap and unwrap: a fresh StrongBox key is checked before it is kept. */
    private fun roundTrips(key: SecretKey): Boolean {
        val probe = ByteArray(TAG_BITS / 8) { it.toByte() }
        val sealed = seal(key, probe)
        val cipher = Cipher.getInstance(TRANSFORMATION)
        cipher.init(Cipher.DECRYPT_MODE, key, GCMParameterSpec(TAG_BITS, sealed.iv))
        return cipher.doFinal(sealed.ciphertext).contentEquals(probe)
    }

    override fun unwrap(sealed: KeyWrapper.Sealed): ByteArray = classified {
        val key = existingKey() ?: throw UnrecoverableKeyException("no wrapping key in the keystore")
        val cipher = Cipher.getInstance(TRANSFORMATION)
        cipher.init(Cipher.DECRYPT_MODE, key, GCMParameterSpec(TAG_BITS, sealed.iv))
        cipher.doFinal(sealed.ciphertext)
    }

    override fun delete() {
        if (keyStore.containsAlias(alias)) keyStore.deleteEntry(alias)
    }

    private fun existingKey(): SecretKey? = (keyStore.getEntry(alias, null) as? KeyStore.SecretKeyEntry)?.secretKey

    private fun spec(strongBox: Boolean): KeyGenParameterSpec =
        KeyGenParameterSpec.Builder(alias, KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT)
            .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
            .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
            .setKeySize(256)
            .apply { if (strongBox) setIsStrongBoxBacked(true) }
            .build()

    private fun generateKey(): SecretKey {
        delete() // a half-made or unusable key under the alias is replaced, never reused
        val generator = KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, PROVIDER)
        // StrongBox (setIsStrongBoxBacked, StrongBoxUnavailableException) exists from API 28;
        // at minSdk 26 neither may be touched on older releases. Most devices have a TEE but no
        // StrongBox: the TEE-backed key is the fallback, also when StrongBox fails otherwise.
        return generateWithFallback(
            Build.VERSION.SDK_INT,
            strongBox = { StrongBoxKeys.generate(generator, spec(strongBox = true)) },
            usable = ::roundTrips,
            tee = {
                delete()
                generator.init(spec(strongBox = false))
                generator.generateKey()
            },
        )
    }

    /**
     * Runs a keystore operation, sorting its failures: the ones that mean the key is gone or the
     * bytes were altered stay [GeneralSecurityException]s (the profile can't be opened, ever);
     * everything else — a busy or restarting keystore daemon, `ProviderException`, Android 13's
     * `KeyStoreException.isTransientFailure` — becomes [KeyWrapper.TransientFailure], which the
     * key provider retries and which never sends the person to the lost-key screen.
     */
    private inline fun <T> classified(block: () -> T): T = try {
        block()
    } catch (e: GeneralSecurityException) {
        if (isPermanent(e)) throw e
        throw KeyWrapper.TransientFailure(e)
    } catch (e: RuntimeException) {
        throw KeyWrapper.TransientFailure(e) // ProviderException, IllegalStateException from the keystore
    }

    companion object {
        /** The failures after which retrying can't help. */
        fun isPermanent(e: GeneralSecurityException): Boolean = when {
            e is UnrecoverableKeyException || e is AEADBadTagException || e is KeyPermanentlyInvalidatedException -> true
            Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU && e.cause is android.security.KeyStoreException ->
                !(e.cause as android.security.KeyStoreException).isTransientFailure
            else -> false
        }

        const val PROVIDER = "AndroidKeyStore"
        const val DEFAULT_ALIAS = "app.resetcompanion.db-key-wrap"

        /** The automatic backups' recovery key has its own wrapping key: never the database's. */
        const val RECOVERY_ALIAS = "app.resetcompanion.recovery-key-wrap"
        private const val TRANSFORMATION = "AES/GCM/NoPadding"
        private const val TAG_BITS = 128
    }
}
