#ifndef SHOUHU_CWIDTH_H
#define SHOUHU_CWIDTH_H
/// Display width of one Unicode scalar as the C library (and so ncursesw) sees it:
/// 2 for Han characters, 0 for combining marks, -1 for controls.
int shouhu_wcwidth(unsigned int scalar);
/// Makes LC_CTYPE a UTF-8 locale: the environment's if it is UTF-8, else C.UTF-8.
/// Returns 1 when a UTF-8 locale is in force afterwards.
int shouhu_ensure_utf8_ctype(void);
/// 1 when LC_CTYPE currently uses the UTF-8 codeset.
int shouhu_ctype_is_utf8(void);
#endif
