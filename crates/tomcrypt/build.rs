//! Compiles libtomcrypt from `sqlcipher-src` into a static library linked whole, so the
//! `sqlcipher.c` that libsqlite3-sys builds finds AES, SHA, HMAC, PBKDF2 and Fortuna in it.
//!
//! libsqlite3-sys only compiles the amalgamation; `.cargo/config.toml` selects the provider
//! for it (`-DSQLCIPHER_CRYPTO_LIBTOMCRYPT`) and points it at `include/`, the same headers
//! and `LTC_*` switches used here. Apple targets build nothing (CommonCrypto).

use std::env;
use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};

/// Upstream units replaced by this crate: `rng_get_bytes` falls back to clock jitter when
/// the OS RNG fails; `src/os_random.c` fails closed instead. `zeromem` wiped one volatile byte
/// at a time, 18 % of a backup's CPU; `src/zeromem.c` wipes the same bytes with memset and a
/// compiler barrier.
const REPLACED: &[&str] = &[
    "libtomcrypt/prngs/rng_get_bytes.c",
    "libtomcrypt/misc/zeromem.c",
];

fn main() -> Result<(), Box<dyn Error>> {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR")?);
    let include = manifest.join("include");
    println!("cargo:rerun-if-changed=include");
    println!("cargo:rerun-if-changed=src/os_random.c");
    println!("cargo:rerun-if-changed=src/zeromem.c");
    if env::var("CARGO_CFG_TARGET_VENDOR")? == "apple" {
        return Ok(());
    }
    let upstream = sqlcipher_src::source_dir();
    check_vendored_headers(
        &upstream.join(sqlcipher_src::LIBTOMCRYPT_INCLUDE_DIR),
        &include,
    )?;
    let sources = sqlcipher_src::LIBTOMCRYPT_SOURCES
        .iter()
        .filter(|s| !REPLACED.contains(s))
        .map(|s| upstream.join(s));
    cc::Build::new()
        // The only libtomcrypt headers on the path, so every unit gets our tomcrypt_custom.h.
        .include(&include)
        .define("LTC_SOURCE", None)
        .files(sources)
        .file(manifest.join("src/os_random.c"))
        .file(manifest.join("src/zeromem.c"))
        // Every page read decrypts and MACs 4 KiB: unoptimised crypto would make debug test
        // runs crawl, and -O2 costs only a few KiB over -Os for this little code.
        .opt_level(2)
        // Upstream's own code; its warnings are not ours to fix.
        .warnings(false)
        // sqlcipher.c, compiled by another crate, is what references these symbols, and the
        // link order between the two crates is not defined: link every object.
        .link_lib_modifier("+whole-archive")
        .compile("reset_tomcrypt");
    Ok(())
}

/// `include/` holds a copy of the headers because libsqlite3-sys takes its include path from
/// a fixed `OPENSSL_INCLUDE_DIR`; the copy must match the sources compiled here byte for byte
/// (upstream's `tomcrypt_custom.h` is kept as `tomcrypt_custom_upstream.h`).
fn check_vendored_headers(upstream: &Path, vendored: &Path) -> Result<(), Box<dyn Error>> {
    for entry in fs::read_dir(upstream)? {
        let path = entry?.path();
        let name = path.file_name().ok_or("header without a name")?;
        let copy = if name == "tomcrypt_custom.h" {
            vendored.join("tomcrypt_custom_upstream.h")
        } else {
            vendored.join(name)
        };
        if fs::read(&path)? != fs::read(&copy).unwrap_or_default() {
            return Err(format!(
                "{} differs from {}: copy sqlcipher-src's libtomcrypt headers again",
                copy.display(),
                path.display()
            )
            .into());
        }
    }
    Ok(())
}
