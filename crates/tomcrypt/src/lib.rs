//! SQLCipher's crypto provider on Linux and Android: libtomcrypt 1.18.2, compiled from the
//! sources `sqlcipher-src` ships next to the SQLCipher amalgamation (ADR 0004).
//!
//! Owns the libtomcrypt configuration (`include/tomcrypt_custom.h`, one set of `LTC_*` switches
//! shared with `sqlcipher.c`) and `rng_get_bytes`, which seeds SQLCipher's Fortuna generator
//! from the kernel CSPRNG only (`src/os_random.c`), and `zeromem`, which wipes libtomcrypt's
//! stack and MAC state with memset behind a compiler barrier instead of upstream's
//! byte-at-a-time loop (`src/zeromem.c`: the same bytes, a fifth of the CPU of reading a
//! profile less). On Apple targets it builds nothing:
//! SQLCipher uses CommonCrypto there.
//!
//! The crate has no Rust API. A crate that opens SQLCipher databases must name it
//! (`use reset_tomcrypt as _;`) so its static library reaches the final link; reset-core
//! does so in `store`. Must never: change the on-disk format (SQLCipher 4 defaults:
//! AES-256-CBC, HMAC-SHA512, PBKDF2-HMAC-SHA512), or take randomness from anything but the
//! operating system.

#[cfg(all(test, not(target_vendor = "apple")))]
mod tests {
    unsafe extern "C" {
        /// libtomcrypt's wipe, as `src/zeromem.c` defines it.
        fn zeromem(out: *mut std::ffi::c_void, outlen: usize);
    }

    #[test]
    fn zeromem_wipes_exactly_the_bytes_asked_for() {
        for len in [0usize, 1, 31, 32, 33, 724, 4096] {
            let mut buf = vec![0xA5u8; len + 2];
            // SAFETY: `buf` holds `len + 2` bytes; the call writes `len` of them from offset 1.
            unsafe { zeromem(buf.as_mut_ptr().add(1).cast(), len) };
            assert_eq!(buf[0], 0xA5, "the byte before is kept ({len})");
            assert!(
                buf[1..=len].iter().all(|&b| b == 0),
                "all {len} bytes wiped"
            );
            assert_eq!(buf[len + 1], 0xA5, "the byte after is kept ({len})");
        }
    }
}
