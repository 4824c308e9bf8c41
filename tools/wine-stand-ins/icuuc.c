/* Stand-in for Windows 10/11's system ICU (icuuc.dll), which Wine lacks and Qt6Core.dll links.
 * Only for the Wine prefix that builds and smoke-tests the Windows program: it never enters the
 * shipped folder (real Windows has the real one). Every converter fails to open, so Qt falls back to
 * its own UTF-8/UTF-16/Latin-1 codecs, which is all the editor uses. */
#include <stddef.h>

typedef int UErrorCode;              /* ICU's error code; > 0 is a failure */
#define U_FILE_ACCESS_ERROR 4        /* "the requested file cannot be found": no converter data */

static void fail(UErrorCode *status)
{
    if (status && *status <= 0)
        *status = U_FILE_ACCESS_ERROR;
}

__declspec(dllexport) void *ucnv_open(const char *name, UErrorCode *status) { (void)name; fail(status); return NULL; }
__declspec(dllexport) void ucnv_close(void *cnv) { (void)cnv; }
__declspec(dllexport) void ucnv_reset(void *cnv) { (void)cnv; }
__declspec(dllexport) int ucnv_countAvailable(void) { return 0; }
__declspec(dllexport) const char *ucnv_getAvailableName(int n) { (void)n; return NULL; }
__declspec(dllexport) const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *status)
{ (void)name; (void)standard; fail(status); return NULL; }
__declspec(dllexport) const char *ucnv_getName(const void *cnv, UErrorCode *status) { (void)cnv; fail(status); return NULL; }
__declspec(dllexport) signed char ucnv_getMaxCharSize(const void *cnv) { (void)cnv; return 1; }
__declspec(dllexport) void ucnv_getToUCallBack(const void *cnv, void **action, const void **context)
{ (void)cnv; if (action) *action = NULL; if (context) *context = NULL; }
__declspec(dllexport) void ucnv_getFromUCallBack(const void *cnv, void **action, const void **context)
{ (void)cnv; if (action) *action = NULL; if (context) *context = NULL; }
__declspec(dllexport) void ucnv_setToUCallBack(void *cnv, void *action, const void *context, void **old_action,
                                               const void **old_context, UErrorCode *status)
{ (void)cnv; (void)action; (void)context; (void)old_action; (void)old_context; fail(status); }
__declspec(dllexport) void ucnv_setFromUCallBack(void *cnv, void *action, const void *context, void **old_action,
                                                 const void **old_context, UErrorCode *status)
{ (void)cnv; (void)action; (void)context; (void)old_action; (void)old_context; fail(status); }
__declspec(dllexport) void ucnv_toUnicode(void *cnv, void **target, const void *target_limit, const char **source,
                                          const char *source_limit, int *offsets, signed char flush, UErrorCode *status)
{ (void)cnv; (void)target; (void)target_limit; (void)source; (void)source_limit; (void)offsets; (void)flush; fail(status); }
__declspec(dllexport) void ucnv_fromUnicode(void *cnv, char **target, const char *target_limit, const void **source,
                                            const void *source_limit, int *offsets, signed char flush, UErrorCode *status)
{ (void)cnv; (void)target; (void)target_limit; (void)source; (void)source_limit; (void)offsets; (void)flush; fail(status); }
__declspec(dllexport) int ucnv_toUCountPending(const void *cnv, UErrorCode *status) { (void)cnv; fail(status); return 0; }
__declspec(dllexport) int ucnv_fromUCountPending(const void *cnv, UErrorCode *status) { (void)cnv; fail(status); return 0; }
__declspec(dllexport) void ucnv_cbToUWriteUChars(void *args, const void *source, int length, int offset, UErrorCode *status)
{ (void)args; (void)source; (void)length; (void)offset; fail(status); }
__declspec(dllexport) void ucnv_cbFromUWriteUChars(void *args, const void **source, const void *source_limit, int offset,
                                                   UErrorCode *status)
{ (void)args; (void)source; (void)source_limit; (void)offset; fail(status); }
/* The standard callbacks Qt installs by address. */
__declspec(dllexport) void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *context, void *args, const char *units, int length,
                                                         int reason, UErrorCode *status)
{ (void)context; (void)args; (void)units; (void)length; (void)reason; fail(status); }
__declspec(dllexport) void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *context, void *args, const void *units, int length,
                                                           int code_point, int reason, UErrorCode *status)
{ (void)context; (void)args; (void)units; (void)length; (void)code_point; (void)reason; fail(status); }
