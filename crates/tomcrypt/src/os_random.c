/*
 * rng_get_bytes() for libtomcrypt, replacing upstream prngs/rng_get_bytes.c (not compiled).
 *
 * SQLCipher's libtomcrypt provider seeds its Fortuna generator with 32 bytes from
 * rng_get_bytes() each time a keyed connection activates it, and Fortuna then produces every
 * page IV and the database salt. Upstream's version falls back to timing clock() jitter
 * when /dev/urandom cannot be read; this one reads only the kernel CSPRNG and otherwise
 * returns 0, which makes SQLCipher refuse to open the database (fail closed) rather than
 * encrypt with guessable IVs.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <tomcrypt.h>

/* getrandom(2) as a raw syscall: bionic's wrapper needs Android API 28, the app supports 26. */
static int reset_getrandom(unsigned char *out, unsigned long len) {
#ifdef SYS_getrandom
  while (len > 0) {
    long n = syscall(SYS_getrandom, out, len, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      /* ENOSYS (pre-3.17 kernel) or EPERM (a seccomp filter): try the device instead. */
      return (errno == ENOSYS || errno == EPERM) ? 1 : -1;
    }
    out += n;
    len -= (unsigned long)n;
  }
  return 0;
#else
  (void)out;
  (void)len;
  return 1;
#endif
}

static int reset_urandom(unsigned char *out, unsigned long len) {
  int fd;
  do {
    fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return -1;
  while (len > 0) {
    ssize_t n = read(fd, out, len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      close(fd);
      return -1;
    }
    out += n;
    len -= (unsigned long)n;
  }
  close(fd);
  return 0;
}

unsigned long rng_get_bytes(unsigned char *out, unsigned long outlen, void (*callback)(void)) {
  int rc;
  (void)callback;
  if (out == NULL) return 0;
  rc = reset_getrandom(out, outlen);
  if (rc == 1) rc = reset_urandom(out, outlen);
  if (rc != 0) {
    zeromem(out, outlen);
    return 0;
  }
  return outlen;
}
