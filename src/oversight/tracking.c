#include "oversight/tracking.h"

#include <sodium.h>
#include <string.h>

#include "base/err.h"

/* Crockford's base 32: no I, L, O or U, so a code read aloud or copied by
 * hand is not misread. */
static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

int oversight_code_new(char out[OVERSIGHT_CODE_SIZE])
{
    if (sodium_init() < 0)
        return HW_EIO;
    size_t k = 0;
    for (int i = 0; i < OVERSIGHT_CODE_SYMBOLS; i++) {
        if (i && i % 4 == 0)
            out[k++] = '-';
        out[k++] = alphabet[randombytes_uniform(32)];
    }
    out[k] = '\0';
    return HW_OK;
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

int oversight_code_normalize(const char *typed, char out[OVERSIGHT_CODE_SYMBOLS + 1])
{
    size_t n = 0;
    for (const char *p = typed ? typed : ""; *p; p++) {
        if (*p == '-' || *p == ' ')
            continue;
        int s = symbol_of(*p);
        if (s < 0 || n == OVERSIGHT_CODE_SYMBOLS)
            return HW_EINVAL;
        out[n++] = alphabet[s];
    }
    out[n] = '\0';
    return n == OVERSIGHT_CODE_SYMBOLS ? HW_OK : HW_EINVAL;
}

int oversight_code_hash(const char *typed, char out[OVERSIGHT_CODE_HASH_SIZE])
{
    char code[OVERSIGHT_CODE_SYMBOLS + 1];
    if (oversight_code_normalize(typed, code) != HW_OK)
        return HW_EINVAL;
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)code, OVERSIGHT_CODE_SYMBOLS, NULL, 0);
    sodium_bin2hex(out, OVERSIGHT_CODE_HASH_SIZE, h, sizeof h);
    return HW_OK;
}
