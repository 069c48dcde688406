#!/usr/bin/env bash
# Installs Debian's PostgreSQL server (package `postgresql`) when it is missing. CI runs this before
# anything else so that the package creates its `postgres` system user itself (the embedded server,
# run as root, would otherwise create a plain user of that name, which the package refuses).
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "PostgreSQL server binaries not found; install the Debian package: postgresql" >&2
  exit 1
fi
echo "installing Debian's postgresql…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends postgresql >/dev/null
