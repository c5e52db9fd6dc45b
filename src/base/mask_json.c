#include "base/mask_json.h"

#include <stdio.h>
#include <string.h>

#include "base/validate.h"

void mask_name(const char *name, char *out, size_t out_size)
{
    size_t n = 0;
    if (name && *name) {
        unsigned char c = (unsigned char)name[0];
        n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
        size_t have = strnlen(name, n);
        n = have < n ? have : n;
    }
    snprintf(out, out_size, "%.*s*", (int)n, name ? name : "");
}

enum key_kind { KEY_OTHER, KEY_ID_NUMBER, KEY_PHONE, KEY_BIRTH_DATE };

static enum key_kind key_kind(const char *key)
{
    if (strcmp(key, "id_number") == 0)
        return KEY_ID_NUMBER;
    if (strcmp(key, "phone") == 0 || strcmp(key, "contact_phone") == 0 ||
        strcmp(key, "mobile") == 0)
        return KEY_PHONE;
    if (strcmp(key, "birth_date") == 0)
        return KEY_BIRTH_DATE;
    return KEY_OTHER;
}

static void mask_value(json_t *obj, const char *key, enum key_kind kind, const char *text)
{
    char masked[64];
    if (strchr(text, '*'))
        return; /* masked already */
    switch (kind) {
    case KEY_ID_NUMBER: mask_id_number(text, masked, sizeof masked); break;
    case KEY_PHONE: mask_phone(text, masked, sizeof masked); break;
    case KEY_BIRTH_DATE: snprintf(masked, sizeof masked, "%.4s-**-**", text); break;
    case KEY_OTHER: return;
    }
    json_object_set_new(obj, key, json_string(masked));
}

static void mask_object(json_t *obj)
{
    const char *key;
    json_t *value;
    void *tmp;
    json_object_foreach_safe(obj, tmp, key, value)
    {
        if (json_is_string(value))
            mask_value(obj, key, key_kind(key), json_string_value(value));
        else
            mask_personal_json(value);
    }
    json_t *name = json_object_get(obj, "name");
    if (json_is_true(json_object_get(obj, "minor")) && json_is_string(name) &&
        !strchr(json_string_value(name), '*')) {
        char masked[16];
        mask_name(json_string_value(name), masked, sizeof masked);
        json_object_set_new(obj, "name", json_string(masked));
    }
}

void mask_personal_json(json_t *v)
{
    if (json_is_object(v)) {
        mask_object(v);
    } else if (json_is_array(v)) {
        size_t i;
        json_t *item;
        json_array_foreach(v, i, item) mask_personal_json(item);
    }
}
