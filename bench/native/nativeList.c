/*
 * The native baseline of `npm run bench`: the Win32 calls the panel's driver
 * core makes for a listing of one registry view, and nothing else. Enumerate
 * Drivers32 (and, in the x64 build, system.ini's [drivers32]), read each
 * file's version resource, then OpenDriver / DRV_QUERYCONFIGURE / CloseDriver
 * for each alias. Built for x64 it lists the 64-bit view; built for x86 and
 * run under WOW64 (or Wine's 32-bit side), the registry and Winmm give it the
 * 32-bit view, as they give the panel's 32-bit driver host.
 *
 *   nativeList.exe <timings.json> <first>
 *
 * Writes the milliseconds from its start to each phase's end, measured with
 * QueryPerformanceCounter, and the counts, as one JSON object; also when the
 * first <first> registrations had been read, the batch our listing streams first.
 */
#include <windows.h>
#include <mmsystem.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_DRIVERS 8192

static WCHAR aliases[MAX_DRIVERS][256];
static WCHAR files[MAX_DRIVERS][MAX_PATH];
static int count;
static int first_wanted;
static double first_read = -1;

static LARGE_INTEGER frequency, started;

static double elapsed_ms(void) {
    LARGE_INTEGER now;
    QueryPerformanceCounter(&now);
    return (double)(now.QuadPart - started.QuadPart) * 1000.0 / (double)frequency.QuadPart;
}

/* The file part of a registered value: up to the first space ("fixture.dll name=x" -> "fixture.dll"). */
static void add(const WCHAR *alias, const WCHAR *value) {
    if (count >= MAX_DRIVERS) return;
    lstrcpynW(aliases[count], alias, 256);
    lstrcpynW(files[count], value, MAX_PATH);
    WCHAR *space = wcschr(files[count], L' ');
    if (space) *space = 0;
    count++;
    if (count == first_wanted) first_read = elapsed_ms();
}

#ifdef _WIN64
static int known(const WCHAR *alias) {
    for (int i = 0; i < count; i++) if (lstrcmpiW(aliases[i], alias) == 0) return 1;
    return 0;
}
#endif

static void enumerate(void) {
    HKEY key;
    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"Software\\Microsoft\\Windows NT\\CurrentVersion\\Drivers32", 0, KEY_READ, &key) == ERROR_SUCCESS) {
        for (DWORD i = 0;; i++) {
            WCHAR name[256], value[1024];
            DWORD name_len = 256, value_len = sizeof value, type;
            LONG status = RegEnumValueW(key, i, name, &name_len, NULL, &type, (BYTE *)value, &value_len);
            if (status == ERROR_NO_MORE_ITEMS) break;
            if (status != ERROR_SUCCESS || (type != REG_SZ && type != REG_EXPAND_SZ)) continue;
            value[sizeof value / sizeof value[0] - 1] = 0;
            add(name, value);
        }
        RegCloseKey(key);
    }
#ifdef _WIN64
    /* The panel lists system.ini's drivers in the native view only (driverScanner.ts): so does the baseline. */
    static WCHAR section[65536];
    DWORD chars = GetPrivateProfileSectionW(L"drivers32", section, 65536, L"system.ini");
    for (WCHAR *line = section; line < section + chars && *line; line += lstrlenW(line) + 1) {
        WCHAR *equals = wcschr(line, L'=');
        if (!equals) continue;
        *equals = 0;
        if (!known(line)) add(line, equals + 1);
        *equals = L'=';
    }
#endif
}

/* The version resource's FileDescription, as the panel reads it; returns whether the file had one. */
static int read_version(const WCHAR *file) {
    WCHAR path[MAX_PATH];
    if (!SearchPathW(NULL, file, NULL, MAX_PATH, path, NULL)) return 0;
    DWORD size = GetFileVersionInfoSizeW(path, NULL);
    if (!size) return 0;
    void *block = malloc(size);
    int found = 0;
    if (block && GetFileVersionInfoW(path, 0, size, block)) {
        void *text;
        UINT length;
        found = VerQueryValueW(block, L"\\StringFileInfo\\040904b0\\FileDescription", &text, &length) && length > 0;
    }
    free(block);
    return found;
}

int wmain(int argc, WCHAR **argv) {
    if (argc < 3) {
        fwprintf(stderr, L"usage: nativeList.exe <timings.json> <first>\n");
        return 2;
    }
    first_wanted = _wtoi(argv[2]);
    SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOOPENFILEERRORBOX);
    QueryPerformanceFrequency(&frequency);
    QueryPerformanceCounter(&started);

    enumerate();
    double registrations = elapsed_ms();
    if (first_read < 0) first_read = registrations;

    int versions = 0;
    for (int i = 0; i < count; i++) versions += read_version(files[i]);
    double details = elapsed_ms();

    int configurable = 0, opened = 0;
    for (int i = 0; i < count; i++) {
        HDRVR driver = OpenDriver(aliases[i], L"Drivers32", 0);
        if (!driver) continue;
        opened++;
        if (SendDriverMessage(driver, DRV_QUERYCONFIGURE, 0, 0)) configurable++;
        CloseDriver(driver, 0, 0);
    }
    double probes = elapsed_ms();

    FILE *out = _wfopen(argv[1], L"w");
    if (!out) return 1;
    fprintf(out, "{\"firstRegistrations\":%.3f,\"registrations\":%.3f,\"details\":%.3f,\"probes\":%.3f,\"drivers\":%d,\"versions\":%d,\"opened\":%d,\"configurable\":%d}\n",
            first_read, registrations, details, probes, count, versions, opened, configurable);
    fclose(out);
    return 0;
}
