/*
 * Reset Companion's libtomcrypt configuration (ADR 0004). Every other header in this
 * directory is upstream libtomcrypt 1.18.2 as sqlcipher-src ships it (build.rs checks they
 * are byte-identical); upstream's own tomcrypt_custom.h is tomcrypt_custom_upstream.h.
 *
 * One configuration for every unit: SQLCipher's amalgamation (given this directory as
 * OPENSSL_INCLUDE_DIR in .cargo/config.toml) and each libtomcrypt unit (build.rs).
 * libtomcrypt's struct layouts (prng_state, hmac_state, symmetric_CBC) depend on these
 * switches and sqlcipher.c allocates those structs itself, so a unit compiled with other
 * switches would corrupt memory.
 */
#ifndef RESET_TOMCRYPT_CUSTOM_H
#define RESET_TOMCRYPT_CUSTOM_H

/* Only what SQLCipher 4's libtomcrypt provider uses: AES-256-CBC for pages, HMAC-SHA512
 * (SHA1/SHA256 for the older formats it can still read), PBKDF2 for passphrase keys and
 * Fortuna for IVs and salts. LTC_NOTHING switches everything else off. */
#define LTC_NOTHING
#define LTC_RIJNDAEL
#define LTC_CBC_MODE
#define LTC_SHA1
#define LTC_SHA256
#define LTC_SHA512
#define LTC_HASH_HELPERS
#define LTC_HMAC
#define LTC_PKCS_5
#define LTC_FORTUNA
/* Declares rng_get_bytes(); the body is ours (src/os_random.c) and reads only the OS CSPRNG. */
#define LTC_RNG_GET_BYTES
#define LTC_NO_TEST
#define LTC_NO_FILE
#define LTC_CLEAN_STACK
/* A bad argument returns CRYPT_INVALID_ARG, which SQLCipher reports as an error, instead of
 * upstream's default of printing and calling abort() inside the app. */
#define ARGTYPE 4

#include "tomcrypt_custom_upstream.h"

#endif
