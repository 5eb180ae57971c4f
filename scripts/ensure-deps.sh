#!/bin/sh
# Installs the Debian packages the console needs when run as root; otherwise
# prints the exact apt-get line and fails. Used by `make demo` and `make test`.
set -eu

PACKAGES="postgresql postgresql-contrib pgbouncer redis-server libncursesw5-dev libpq-dev libhiredis-dev libssl-dev openssl tmux pkg-config python3 patchelf"
missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -n "$missing" ]; then
    if [ "$(id -u)" = "0" ]; then
        echo "installing:$missing"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
    else
        echo "missing Debian packages:$missing" >&2
        echo "install them with:" >&2
        echo "  sudo apt-get update && sudo apt-get install -y$missing" >&2
        exit 1
    fi
fi

if ! command -v swift >/dev/null 2>&1 && [ ! -x /opt/swift/usr/bin/swift ]; then
    echo "Swift 6 is not installed: expected swift on PATH or at /opt/swift/usr/bin/swift" >&2
    exit 1
fi
