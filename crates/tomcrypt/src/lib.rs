//! SQLCipher's crypto provider on Linux and Android: libtomcrypt 1.18.2, compiled from the
//! sources `sqlcipher-src` ships next to the SQLCipher amalgamation (ADR 0004).
//!
//! Owns the libtomcrypt configuration (`include/tomcrypt_custom.h`, one set of `LTC_*` switches
//! shared with `sqlcipher.c`) and `rng_get_bytes`, which seeds SQLCipher's Fortuna generator
//! from the kernel CSPRNG only (`src/os_random.c`). On Apple targets it builds nothing:
//! SQLCipher uses CommonCrypto there.
//!
//! The crate has no Rust API. A crate that opens SQLCipher databases must name it
//! (`use reset_tomcrypt as _;`) so its static library reaches the final link; reset-core
//! does so in `store`. Must never: change the on-disk format (SQLCipher 4 defaults:
//! AES-256-CBC, HMAC-SHA512, PBKDF2-HMAC-SHA512), or take randomness from anything but the
//! operating system.
