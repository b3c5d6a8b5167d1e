package app.resetcompanion.core.security

import android.os.Build
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyProperties
import android.security.keystore.StrongBoxUnavailableException
import java.security.KeyStore
import java.security.UnrecoverableKeyException
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

// Android-only (src/android is compiled by Gradle, never by the JVM harness): the AES-256-GCM
// wrapping key lives in the AndroidKeyStore, non-exportable, StrongBox-backed where the device
// has one. No user-authentication requirement: reminder actions and the re-arm receiver must
// open the profile in the background after first unlock (the same policy as the iOS Keychain
// item's AfterFirstUnlockThisDeviceOnly). The decisions live in DatabaseKeyProvider.

/** [KeyWrapper] over the AndroidKeyStore. */
class AndroidKeystoreKeyWrapper(private val alias: String = DEFAULT_ALIAS) : KeyWrapper {
    private val keyStore: KeyStore = KeyStore.getInstance(PROVIDER).apply { load(null) }

    override fun wrap(plain: ByteArray): KeyWrapper.Sealed {
        val cipher = Cipher.getInstance(TRANSFORMATION)
        // The keystore picks a random IV (randomized encryption is required by default).
        cipher.init(Cipher.ENCRYPT_MODE, existingKey() ?: generateKey())
        return KeyWrapper.Sealed(cipher.iv, cipher.doFinal(plain))
    }

    override fun unwrap(sealed: KeyWrapper.Sealed): ByteArray {
        val key = existingKey() ?: throw UnrecoverableKeyException("no wrapping key in the keystore")
        val cipher = Cipher.getInstance(TRANSFORMATION)
        cipher.init(Cipher.DECRYPT_MODE, key, GCMParameterSpec(TAG_BITS, sealed.iv))
        return cipher.doFinal(sealed.ciphertext)
    }

    override fun delete() {
        if (keyStore.containsAlias(alias)) keyStore.deleteEntry(alias)
    }

    private fun existingKey(): SecretKey? = (keyStore.getEntry(alias, null) as? KeyStore.SecretKeyEntry)?.secretKey

    private fun generateKey(): SecretKey {
        fun spec(strongBox: Boolean) = KeyGenParameterSpec.Builder(alias, KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT)
            .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
            .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
            .setKeySize(256)
            .apply { if (strongBox && Build.VERSION.SDK_INT >= 28) setIsStrongBoxBacked(true) }
            .build()
        val generator = KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, PROVIDER)
        return try {
            generator.init(spec(strongBox = true))
            generator.generateKey()
        } catch (e: StrongBoxUnavailableException) {
            // Most devices have a TEE but no StrongBox: the TEE-backed key is the fallback.
            generator.init(spec(strongBox = false))
            generator.generateKey()
        }
    }

    companion object {
        const val PROVIDER = "AndroidKeyStore"
        const val DEFAULT_ALIAS = "app.resetcompanion.db-key-wrap"
        private const val TRANSFORMATION = "AES/GCM/NoPadding"
        private const val TAG_BITS = 128
    }
}
