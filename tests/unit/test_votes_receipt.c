/* Receipt codes: random, printed in Crockford's base32, read back however
 * an owner types them, and hashed as docs/api-votes.md publishes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "base/err.h"
#include "votes/receipt.h"

static void codes_are_printed_in_four_groups_and_differ(void **state)
{
    (void)state;
    char a[VOTE_RECEIPT_CODE_SIZE], b[VOTE_RECEIPT_CODE_SIZE], again[VOTE_RECEIPT_CODE_SIZE];
    vote_receipt_code(a);
    vote_receipt_code(b);
    assert_int_equal(strlen(a), 19);
    for (int i = 0; i < 19; i++) {
        if (i % 5 == 4)
            assert_int_equal(a[i], '-');
        else
            assert_non_null(strchr("0123456789ABCDEFGHJKMNPQRSTVWXYZ", a[i]));
    }
    assert_string_not_equal(a, b);
    assert_int_equal(vote_receipt_normalize(a, again), HW_OK);
    assert_string_equal(a, again);
}

static void typed_codes_are_read_back(void **state)
{
    (void)state;
    char out[VOTE_RECEIPT_CODE_SIZE];
    assert_int_equal(vote_receipt_normalize("7k2m qx9d-o4tb n8rc", out), HW_OK);
    assert_string_equal(out, "7K2M-QX9D-04TB-N8RC");
    assert_int_equal(vote_receipt_normalize("IL00-0000-0000-0000", out), HW_OK);
    assert_string_equal(out, "1100-0000-0000-0000");
    assert_int_equal(vote_receipt_normalize("7K2M-QX9D-04TB-N8R", out), HW_EINVAL);
    assert_int_equal(vote_receipt_normalize("7K2M-QX9D-04TB-N8RCX", out), HW_EINVAL);
    assert_int_equal(vote_receipt_normalize("7K2M-QX9D-04TB-N8RU", out), HW_EINVAL); /* no U */
    assert_int_equal(vote_receipt_normalize(NULL, out), HW_EINVAL);
}

static void the_hash_is_the_published_one(void **state)
{
    (void)state;
    char hash[VOTE_RECEIPT_HASH_HEX], other[VOTE_RECEIPT_HASH_HEX];
    assert_int_equal(vote_receipt_hash(12, "7K2M-QX9D-04TB-N8RC", hash), HW_OK);
    const char *text = "hongwu-vote-receipt|12|7K2M-QX9D-04TB-N8RC";
    unsigned char digest[crypto_hash_sha256_BYTES];
    char want[VOTE_RECEIPT_HASH_HEX];
    crypto_hash_sha256(digest, (const unsigned char *)text, strlen(text));
    sodium_bin2hex(want, sizeof want, digest, sizeof digest);
    assert_string_equal(hash, want);
    /* The same code in another vote hashes apart. */
    assert_int_equal(vote_receipt_hash(13, "7K2M-QX9D-04TB-N8RC", other), HW_OK);
    assert_string_not_equal(hash, other);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(codes_are_printed_in_four_groups_and_differ),
        cmocka_unit_test(typed_codes_are_read_back),
        cmocka_unit_test(the_hash_is_the_published_one),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
