#!/bin/bash
# Makes a libpq.a for the release build that needs neither GSSAPI nor LDAP:
# Debian's static libpq (libpq-dev), the libpgcommon/libpgport it needs
# (postgresql-server-dev-N of the same version, downloaded with apt-get and
# unpacked, not installed: that package depends on clang and LLVM), and
# stubs for the GSSAPI and LDAP calls (libpq-no-gss-ldap.c, which says what
# libpq then does). Linking it drops libgssapi_krb5, libldap and what they
# pull in (GnuTLS, nettle, p11-kit, SASL…) from the process.
# Usage: scripts/release/static-libpq.sh DIR
# Prints the directory holding libpq.a (under DIR, per libpq version), or
# nothing when a part is missing (the caller links the shared libpq).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
libdir=$(pkg-config --variable=libdir libpq 2>/dev/null || echo /usr/lib/x86_64-linux-gnu)
version=$(dpkg-query -W -f='${Version}' libpq-dev 2>/dev/null) || exit 0
[ -f "$libdir/libpq.a" ] || exit 0
out="$1/$version-2"
if [ ! -f "$out/libpq.a" ]; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    major=${version%%.*}
    # Searched first where an installed server-dev package put them.
    common=/usr/lib/postgresql/$major/lib
    if [ ! -f "$common/libpgcommon_shlib.a" ] || [ "$(dpkg-query -W -f='${Version}' "postgresql-server-dev-$major" 2>/dev/null)" != "$version" ]; then
        (cd "$work" && apt-get download "postgresql-server-dev-$major=$version" >/dev/null 2>&1) || { echo "static libpq: postgresql-server-dev-$major=$version not downloadable, libpq stays shared" >&2; exit 0; }
        dpkg -x "$work"/postgresql-server-dev-*.deb "$work/pkg"
        common=$work/pkg/usr/lib/postgresql/$major/lib
    fi
    mkdir -p "$work/o/pq" "$work/o/common" "$work/o/port"
    (cd "$work/o/pq" && ar x "$libdir/libpq.a")
    (cd "$work/o/common" && ar x "$common/libpgcommon_shlib.a")
    (cd "$work/o/port" && ar x "$common/libpgport_shlib.a")
    # The static Foundation brings its own strlcpy: two would not link.
    rm -f "$work/o/port/strlcpy_shlib.o"
    cc -O2 -fPIC -c "$here/libpq-no-gss-ldap.c" -o "$work/o/no-gss-ldap.o"
    mkdir -p "$out"
    # One archive: the linker rescans it until libpq's references to
    # pgcommon and pgport are all resolved.
    ar rcs "$out/libpq.a.tmp" "$work"/o/pq/*.o "$work"/o/common/*.o "$work"/o/port/*.o "$work/o/no-gss-ldap.o"
    mv "$out/libpq.a.tmp" "$out/libpq.a"
fi
echo "$out"
