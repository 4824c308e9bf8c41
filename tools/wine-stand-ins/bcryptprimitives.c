/* Stand-in for Windows 10/11's bcryptprimitives.dll, which Wine 8.0 lacks and the Rust code of
 * cryptography (_rust.pyd, loaded by the PDF import's pdfminer) links for ProcessPrng, Rust's source
 * of random bytes. Only for the Wine prefix that builds and smoke-tests the Windows program: it never
 * enters the shipped folder (real Windows has the real one). The bytes come from the system's
 * generator, as the real ProcessPrng's do. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);   /* RtlGenRandom, advapi32 */

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
