/* hash: the one non-cryptographic hash of bytes, for in-memory tables.
 *
 * 64-bit FNV-1a (offset basis 14695981039346656037, prime 1099511628211),
 * the same on every platform.  Callers that need fewer bits take the low
 * ones (a cast to uint32_t, a mask for a power-of-two table, or % n).
 *
 * Not for secrets, tokens or anything an adversary should not be able to
 * predict or collide: anyone can compute it, so a table keyed by outside
 * input must stay correct when every key lands in one bucket (chains
 * compared by key, a fixed-size cache that simply evicts).  Secrets go
 * through libsodium (domain/account.h).
 *
 * The value is promised only within one run of the program: never store
 * it, send it or compare it with one from another version.
 */
#ifndef CG_HASH_H
#define CG_HASH_H
#include <stddef.h>
#include <stdint.h>

/* The hash of the n bytes at p (p may be NULL when n is 0). */
uint64_t hash_bytes(const void *p, size_t n);
/* The hash of the NUL-terminated s, equal to hash_bytes(s, strlen(s)). */
uint64_t hash_str(const char *s);

#endif
