//! The raw 32-byte SQLCipher key. Zeroized on drop, never printed.

use rusqlite::Connection;
use zeroize::{Zeroize, Zeroizing};

use crate::error::{Error, Result};

/// Length of a database key in bytes.
pub const KEY_LEN: usize = 32;

/// A raw 256-bit database key, kept by the shell in the Keychain / Android Keystore.
///
/// A raw key (not a passphrase) means SQLCipher runs no KDF at open: opening stays fast.
#[derive(Clone)]
pub struct DatabaseKey(Zeroizing<[u8; KEY_LEN]>);

impl DatabaseKey {
    /// Wraps exactly 32 bytes; anything else is `invalid_input` on `key`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let arr: [u8; KEY_LEN] = bytes
            .try_into()
            .map_err(|_| Error::invalid("key", format!("must be exactly {KEY_LEN} bytes")))?;
        Ok(DatabaseKey(Zeroizing::new(arr)))
    }

    /// Parses 64 hex characters (the CLI's `RESET_KEY` and key file).
    pub fn from_hex(hex_text: &str) -> Result<Self> {
        let text = hex_text.trim();
        if text.len() != KEY_LEN * 2 {
            return Err(Error::invalid("key", "must be 64 hex characters"));
        }
        let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
        for (i, chunk) in text.as_bytes().chunks(2).enumerate() {
            let pair =
                std::str::from_utf8(chunk).map_err(|_| Error::invalid("key", "must be hex"))?;
            bytes[i] =
                u8::from_str_radix(pair, 16).map_err(|_| Error::invalid("key", "must be hex"))?;
        }
        Ok(DatabaseKey(bytes))
    }

    /// The key as 64 lowercase hex characters, zeroized when dropped.
    pub fn to_hex(&self) -> Zeroizing<String> {
        let mut s = Zeroizing::new(String::with_capacity(KEY_LEN * 2));
        for b in self.0.iter() {
            s.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
            s.push(char::from_digit(u32::from(b & 0xf), 16).unwrap_or('0'));
        }
        s
    }

    /// The raw bytes, for handing to the FFI's `CompanionConfig`. Callers must not log them.
    pub fn expose_bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    /// Keys a freshly opened connection. Must run before any other statement.
    pub(crate) fn apply(&self, conn: &Connection) -> Result<()> {
        let mut pragma = Zeroizing::new(String::with_capacity(80));
        pragma.push_str("PRAGMA key = \"x'");
        pragma.push_str(&self.to_hex());
        pragma.push_str("'\";");
        conn.execute_batch(&pragma)?;
        Ok(())
    }
}

impl std::fmt::Debug for DatabaseKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DatabaseKey(<redacted>)")
    }
}

impl Drop for DatabaseKey {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}
