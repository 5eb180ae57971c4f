#!/bin/bash
# The shipped build: release, with the Swift runtime and Foundation linked
# statically (--static-swift-stdlib). Only the pages of them the console
# touches become resident, instead of the loader mapping and relocating every
# shared Swift library (Benchmarks/README.md, "Resident memory").
# Optimised for size with unused sections dropped (-Osize, --gc-sections),
# and libpq linked statically without GSSAPI and LDAP when Debian's parts for
# it are at hand (scripts/release/static-libpq.sh): both lower the
# dashboard's resident memory (Benchmarks/README.md, "Footprint (issue 18):
# memory"). OpenSSL from its archives and the functions a dashboard runs
# placed together (lld, scripts/release/studyspot.order): Benchmarks/README.md,
# "Footprint (issue 18): code layout". glibc, ncursesw and hiredis stay shared
# system libraries.
# Prints studyspot's path (the build's output only when it fails);
# studyspot-bench is built beside it.
# Usage: scripts/build-release.sh [--dynamic]
#   --dynamic: the same build with the Swift libraries shared (.build-dynamic),
#   for comparison only.
# Env: RELEASE_OPT=speed: -O instead of -Osize (.build-release-speed);
#      RELEASE_LINKER=gold: gold's PIE with RELA relocations and every symbol
#      exported, as before lld (.build-release-gold);
#      RELEASE_SHARED_LIBPQ=1: Debian's shared libpq (.build-release-sharedpq);
#      RELEASE_SHARED_SSL=1: Debian's shared libssl/libcrypto (same scratch:
#      only the links are made again);
#      RELEASE_NO_ORDER=1: no --symbol-ordering-file (same scratch, relinked);
#      RELEASE_SHARED_CXX=1: the shared libstdc++ (same scratch; a changed
#      -Xswiftc flag, so SwiftPM compiles the Swift modules again);
#      all six for A/B figures only.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/opt/swift/usr/bin"
# The --dynamic build keeps Debian's shared libpq: the static one drops
# libpgport's strlcpy for the static Foundation's, which it then lacks.
shared_pq=${RELEASE_SHARED_LIBPQ:-}
if [ "${1:-}" = "--dynamic" ]; then
    flags=(); scratch=.build-dynamic; shared_pq=${shared_pq:-dynamic}
else
    flags=(--static-swift-stdlib); scratch=.build-release
fi
# The static build links with the toolchain's lld and packs its relative
# relocations (DT_RELR, glibc 2.36+): gold wrote 83,558 RELA entries (2 MB of
# .rela.dyn, every page read at each start); RELR needs 16 kB for them. And
# no -export-dynamic (the static stdlib's link arguments ask for it): every
# Swift symbol of ours in .dynsym/.dynstr was another ~1 MB that the loader's
# lookups touched, and nothing looks them up (Benchmarks/README.md, the
# footprint's memory section). The binary then needs glibc 2.36 (Debian 12).
if [ "${1:-}" = "--dynamic" ]; then
    :
elif [ "${RELEASE_LINKER:-lld}" = gold ]; then
    scratch=$scratch-gold
elif command -v ld.lld >/dev/null; then
    flags+=(-Xswiftc -use-ld=lld -Xlinker -z -Xlinker pack-relative-relocs -Xlinker --no-export-dynamic)
    # A section per function (our modules, their packages, the C shims) so
    # that lld can place the functions a dashboard run touches together.
    flags+=(-Xswiftc -Xfrontend -Xswiftc -function-sections -Xcc -ffunction-sections)
    # The functions a dashboard run executes, first in .text and together
    # (scripts/release/profile-order.sh makes the list, and says how): a page
    # fault maps a whole page-cache folio and 64 kB around it, so ~2 MB of
    # code that runs, scattered over 18 MB of .text, kept most of the
    # binary's 15-16 MB resident
    # (Benchmarks/README.md, "Footprint (issue 18): code layout"). A name a
    # build lacks is skipped, without a warning for each.
    order=scripts/release/studyspot.order
    if [ -z "${RELEASE_NO_ORDER:-}" ] && [ -f "$order" ]; then
        flags+=(-Xlinker "--symbol-ordering-file=$PWD/$order" -Xlinker --no-warn-symbol-ordering)
        order_sum=$(cksum < "$order")
    fi
    # OpenSSL from Debian's archives (libssl-dev): only the code that runs
    # becomes resident, among the ordered functions, instead of libcrypto.so's
    # 3.5 MB that a console without TLS still mapped (NEEDED by libpq and our
    # TLS client) and faulted around. Every member in, as for libpq below, so
    # that OpenSSL's symbols resolve to the archives and not to the shared
    # libraries that -lssl -lcrypto (the module map's) also link; those are
    # dropped below.
    ssl_dir=$(pkg-config --variable=libdir openssl 2>/dev/null || echo /usr/lib/x86_64-linux-gnu)
    if [ -z "${RELEASE_SHARED_SSL:-}" ] && [ -f "$ssl_dir/libssl.a" ] && [ -f "$ssl_dir/libcrypto.a" ]; then
        static_ssl=1
        flags+=(-Xlinker --whole-archive -Xlinker "$ssl_dir/libssl.a" -Xlinker "$ssl_dir/libcrypto.a" -Xlinker --no-whole-archive)
    fi
    # libstdc++ from its archive: the Swift runtime (C++) calls a handful of
    # its functions (guards, dynamic_cast), which join the ordered ones,
    # instead of libstdc++.so's ~1.5 MB faulted around. The static stdlib's
    # link arguments say -lstdc++: a linker script of that name holding the
    # archive, in a directory searched before the compiler's own (-Xswiftc -L;
    # with -Xlinker -L the shared one still won).
    cxx=$(c++ -print-file-name=libstdc++.a 2>/dev/null || true)
    if [ -z "${RELEASE_SHARED_CXX:-}" ] && [ -f "$cxx" ] && [ "$cxx" != libstdc++.a ]; then
        mkdir -p "$scratch/static-cxx"
        echo "INPUT($cxx)" > "$scratch/static-cxx/libstdc++.so"
        flags+=(-Xswiftc -L -Xswiftc "$PWD/$scratch/static-cxx")
    fi
else
    echo "ld.lld is not in the Swift toolchain: linking with gold (2 MB of relocations more resident)" >&2
fi
if [ "${RELEASE_OPT:-size}" = speed ]; then
    scratch=$scratch-speed
else
    flags+=(-Xswiftc -Osize -Xlinker --gc-sections)
fi
if [ -n "${RELEASE_SHARED_LIBPQ:-}" ]; then
    scratch=$scratch-sharedpq
elif [ -n "$shared_pq" ]; then
    :
elif pq=$(scripts/release/static-libpq.sh "$PWD/$scratch/libpq-static") && [ -n "$pq" ]; then
    # Every member in (--gc-sections drops what is not called), so libpq's
    # symbols resolve to it, not to the libpq.so that -lpq (the module map's
    # and pkg-config's) also links; that one is dropped below.
    flags+=(-Xlinker --whole-archive -Xlinker "$pq/libpq.a" -Xlinker --no-whole-archive)
fi
# SwiftPM kept its build description when only a -Xswiftc -L flag was added:
# a change of flags, or no record of them, makes it plan the build again.
# A new ordering file changes no flag: the products are removed, so linked again.
stamp="$scratch/release-flags"
record="${flags[*]}${order_sum:+ (order $order_sum)}"
if [ "$(cat "$stamp" 2>/dev/null)" != "$record" ]; then
    rm -f "$scratch/release.yaml" "$scratch/release/description.json"
    rm -f "$scratch"/release/studyspot "$scratch"/release/studyspot-bench "$scratch"/*/release/studyspot "$scratch"/*/release/studyspot-bench
fi
mkdir -p "$scratch" && echo "$record" > "$stamp"
# studyspot, then studyspot-bench beside it (the bench scripts run it; it
# shares every module, so the second build only links).
for product in studyspot studyspot-bench; do
    if ! out=$(swift build -c release "${flags[@]}" --scratch-path "$scratch" --product "$product" 2>&1); then
        echo "$out" >&2; exit 1
    fi
    # SwiftPM does not relink when only --static-swift-stdlib changed: a binary
    # left from a shared-library build is removed and linked again.
    if [ "${1:-}" != "--dynamic" ] && ldd "$scratch/release/$product" 2>/dev/null | grep -q libswiftCore; then
        rm -f "$scratch/release/$product" "$scratch"/*/release/"$product"
        if ! out=$(swift build -c release "${flags[@]}" --scratch-path "$scratch" --product "$product" 2>&1); then
            echo "$out" >&2; exit 1
        fi
    fi
    # libpq's symbols all come from the static archive, yet -lpq (which
    # SwiftPM puts before any -Xlinker flag) left libpq.so, and with it
    # GSSAPI, LDAP and GnuTLS, among the needed libraries: drop it, once the
    # binary is checked to define libpq's entry points itself.
    if [ -n "${pq:-}" ] && [ -z "${RELEASE_SHARED_LIBPQ:-}" ] && grep -q 'libpq\.so' < <(ldd "$scratch/release/$product"); then
        if ! command -v patchelf >/dev/null; then
            echo "patchelf is missing (apt-get install patchelf): $product keeps the shared libpq" >&2
        elif grep -qw PQconnectStartParams < <(nm "$scratch/release/$product"); then   # not a pipe: pipefail and grep -q's early exit
            patchelf --remove-needed libpq.so.5 "$scratch/release/$product"
        fi
    fi
    # The same for OpenSSL's shared libraries, once the archives' are linked.
    if [ -n "${static_ssl:-}" ] && command -v patchelf >/dev/null; then
        needed=$(patchelf --print-needed "$scratch/release/$product")
        defined=$(nm --defined-only "$scratch/release/$product")
        if grep -qw SSL_CTX_new <<<"$defined" && grep -qw OPENSSL_init_crypto <<<"$defined"; then
            for lib in $(grep -E '^lib(ssl|crypto)\.so' <<<"$needed" || true); do
                patchelf --remove-needed "$lib" "$scratch/release/$product"
            done
        fi
    fi
done
echo "$PWD/$scratch/release/studyspot"
