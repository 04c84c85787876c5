// glibc's wcwidth is hidden by feature macros in Swift; this wrapper exposes it so the
// widths used by the cell buffer are exactly those ncursesw uses to place the cursor.
#define _XOPEN_SOURCE 700
#include <locale.h>
#include <wchar.h>
#include <string.h>
#include <langinfo.h>
#include "CWidth.h"

static int ctype_ready = 0;

int shouhu_ensure_utf8_ctype(void) {
    const char *codeset;
    if (ctype_ready) return 1;
    setlocale(LC_CTYPE, "");
    codeset = nl_langinfo(CODESET);
    if (codeset == 0 || strcmp(codeset, "UTF-8") != 0) {
        if (setlocale(LC_CTYPE, "C.UTF-8") == 0) setlocale(LC_CTYPE, "C.utf8");
        codeset = nl_langinfo(CODESET);
    }
    ctype_ready = (codeset != 0 && strcmp(codeset, "UTF-8") == 0);
    return ctype_ready;
}

int shouhu_wcwidth(unsigned int scalar) {
    if (!ctype_ready) shouhu_ensure_utf8_ctype();
    return wcwidth((wchar_t)scalar);
}

int shouhu_ctype_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != 0 && strcmp(codeset, "UTF-8") == 0;
}
