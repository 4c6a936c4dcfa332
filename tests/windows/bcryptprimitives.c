/* Test-only shim for Wine 8.0, which lacks bcryptprimitives.dll. Rust's standard
   library calls ProcessPrng from it for random numbers (Windows 10 and later have
   it); this forwards to RtlGenRandom (advapi32's SystemFunction036). The tests put
   it in the Wine prefix's system32; the MSI never ships it. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    return SystemFunction036(data, (ULONG)length);
}
