#include "votes/receipt.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "base/err.h"

/* Crockford's base32: digits and letters without I, L, O and U. */
static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static void grouped(const char symbols[VOTE_RECEIPT_SYMBOLS], char out[VOTE_RECEIPT_CODE_SIZE])
{
    size_t k = 0;
    for (int i = 0; i < VOTE_RECEIPT_SYMBOLS; i++) {
        if (i && i % 4 == 0)
            out[k++] = '-';
        out[k++] = symbols[i];
    }
    out[k] = '\0';
}

void vote_receipt_code(char out[VOTE_RECEIPT_CODE_SIZE])
{
    unsigned char bytes[VOTE_RECEIPT_SYMBOLS * 5 / 8];
    randombytes_buf(bytes, sizeof bytes);
    char symbols[VOTE_RECEIPT_SYMBOLS];
    /* Five bits a symbol, most significant first. */
    for (int i = 0; i < VOTE_RECEIPT_SYMBOLS; i++) {
        int bit = i * 5, v = 0;
        for (int b = 0; b < 5; b++, bit++)
            v = v << 1 | ((bytes[bit / 8] >> (7 - bit % 8)) & 1);
        symbols[i] = alphabet[v];
    }
    grouped(symbols, out);
    sodium_memzero(bytes, sizeof bytes);
}

static int symbol_of(char c)
{
    if (c >= 'a' && c <= 'z')
        c = (char)(c - 'a' + 'A');
    if (c == 'O')
        c = '0';
    else if (c == 'I' || c == 'L')
        c = '1';
    const char *p = c ? strchr(alphabet, c) : NULL;
    return p ? (int)(p - alphabet) : -1;
}

int vote_receipt_normalize(const char *typed, char out[VOTE_RECEIPT_CODE_SIZE])
{
    char symbols[VOTE_RECEIPT_SYMBOLS];
    int n = 0;
    for (const char *p = typed; p && *p; p++) {
        if (*p == '-' || *p == ' ' || *p == '\t')
            continue;
        int v = symbol_of(*p);
        if (v < 0 || n == VOTE_RECEIPT_SYMBOLS)
            return HW_EINVAL;
        symbols[n++] = alphabet[v];
    }
    if (n != VOTE_RECEIPT_SYMBOLS)
        return HW_EINVAL;
    grouped(symbols, out);
    return HW_OK;
}

int vote_receipt_hash(int64_t vote_id, const char *code, char out[VOTE_RECEIPT_HASH_HEX])
{
    char text[64 + VOTE_RECEIPT_CODE_SIZE];
    int n = snprintf(text, sizeof text, "hongwu-vote-receipt|%lld|%s", (long long)vote_id, code);
    if (n < 0 || (size_t)n >= sizeof text)
        return HW_EINVAL;
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, (const unsigned char *)text, (unsigned long long)n);
    sodium_bin2hex(out, VOTE_RECEIPT_HASH_HEX, digest, sizeof digest);
    return HW_OK;
}
