/*
 * zeromem() for libtomcrypt, replacing upstream misc/zeromem.c (not compiled).
 *
 * With LTC_CLEAN_STACK (tomcrypt_custom.h), libtomcrypt wipes its stack after every AES block
 * and SHA-512 compression (burn_stack, 32 bytes a call) and its HMAC state after every MAC,
 * which SQLCipher computes for every page it reads or writes. Upstream wipes one volatile byte
 * at a time; profiled on a ten-year profile's automatic backup, that loop alone was 18 % of the
 * CPU (docs/performance.md). This one wipes exactly the same bytes with memset and then tells
 * the compiler the memory is used (an empty asm statement that takes the pointer and clobbers
 * memory), so the stores cannot be removed as dead — the technique of BoringSSL's
 * OPENSSL_cleanse. GCC and Clang (the NDK's) both honour it.
 */
#include <string.h>

#include <tomcrypt.h>

void zeromem(volatile void *out, size_t outlen)
{
   LTC_ARGCHKVD(out != NULL);
   memset((void *)out, 0, outlen);
   __asm__ __volatile__("" : : "r"(out) : "memory");
}
