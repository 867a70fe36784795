#!/usr/bin/env bash
# Installs a CRIU that works on this kernel (DESIGN.md §4) into a prefix, without touching
# the system's apt configuration or package database.
#
# Debian 12's criu 3.17 fails `criu check` on recent kernels. This script takes CRIU from
# Debian testing with a PRIVATE apt configuration (own sources list, state and cache under
# the prefix), downloads the recursive dependency closure of `criu`, unpacks it with
# `dpkg -x` into PREFIX and writes PREFIX/bin/criu, a wrapper that runs CRIU with the
# suite's own loader and libraries. Corral looks for PREFIX/bin/criu after its configured
# path and before PATH.
#
#   scripts/provision-criu.sh [PREFIX]        default PREFIX: /opt/corral-criu
#   CORRAL_CRIU_SUITE=trixie scripts/provision-criu.sh   another Debian suite
#
# Idempotent: a quick no-op when PREFIX/bin/criu (or the system's criu) passes `criu check`.
# Ends by printing `criu --version` and `criu check`. Needs root (criu check does).
set -euo pipefail

prefix=${1:-${CORRAL_CRIU_PREFIX:-/opt/corral-criu}}
suite=${CORRAL_CRIU_SUITE:-testing}
arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)
wrapper="$prefix/bin/criu"

report() {
  echo "== $1 --version"
  "$1" --version
  echo "== $1 check"
  "$1" check
}

passes_check() {
  [ -x "$1" ] && timeout 60 "$1" check >/dev/null 2>&1
}

if passes_check "$wrapper"; then
  echo "provision-criu: $wrapper already works"
  report "$wrapper"
  exit 0
fi
if [ -z "${CORRAL_CRIU_FORCE:-}" ] && system_criu=$(command -v criu) && passes_check "$system_criu"; then
  echo "provision-criu: the system's $system_criu passes criu check; using it"
  report "$system_criu"
  exit 0
fi

# The Debian mirror this machine already uses: the first deb822 URIs or one-line deb entry
# whose path ends in /debian (not the security archive).
find_mirror() {
  local f line
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk '/^URIs:/ {for (i = 2; i <= NF; i++) print $i}' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; break } }' "$f"
  done
}
mirror=$(find_mirror | grep -E '/debian/?$' | grep -v -- '-security' | head -n1 || true)
if [ -z "$mirror" ]; then
  echo "provision-criu: no Debian mirror found in /etc/apt (sources.list, sources.list.d)" >&2
  exit 1
fi
mirror=${mirror%/}

keyring=/usr/share/keyrings/debian-archive-keyring.gpg
work="$prefix/.apt"
mkdir -p "$work/etc/apt.conf.d" "$work/etc/preferences.d" "$work/etc/sources.list.d" \
  "$work/state/lists/partial" "$work/cache/archives/partial" "$work/debs" "$prefix/bin"
: > "$work/state/status"   # an empty package database: download the whole closure
echo "deb [signed-by=$keyring] $mirror $suite main" > "$work/etc/sources.list"
cat > "$work/etc/apt.conf" <<CONF
Dir::Etc "$work/etc";
Dir::Etc::SourceList "$work/etc/sources.list";
Dir::Etc::SourceParts "$work/etc/sources.list.d";
Dir::Etc::Parts "$work/etc/apt.conf.d";
Dir::Etc::Preferences "$work/etc/preferences";
Dir::Etc::PreferencesParts "$work/etc/preferences.d";
Dir::State "$work/state";
Dir::State::status "$work/state/status";
Dir::Cache "$work/cache";
APT::Architecture "$arch";
APT::Architectures { "$arch"; };
Acquire::Languages "none";
Debug::NoLocking "true";
APT::Sandbox::User "root";
// Mirrors may serve a frozen snapshot whose Release is past Valid-Until; signatures are
// still checked against the Debian archive keyring.
Acquire::Check-Valid-Until "false";
CONF
export APT_CONFIG="$work/etc/apt.conf"

echo "== private apt: $mirror $suite ($arch), state under $work"
apt-get update -qq
candidate=$(apt-cache policy criu | awk '/Candidate:/ {print $2}')
echo "== criu candidate in $suite: ${candidate:-none}"
[ -n "$candidate" ] && [ "$candidate" != "(none)" ] || { echo "provision-criu: no criu in $suite" >&2; exit 1; }

# The recursive closure: real package names only (virtual ones are printed as <name>).
mapfile -t pkgs < <(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
  --no-breaks --no-replaces --no-enhances criu | grep -E '^[a-z0-9]' | sort -u)
echo "== ${#pkgs[@]} packages in the closure of criu"
(cd "$work/debs" && rm -f ./*.deb && apt-get download -q "${pkgs[@]}" >/dev/null)

# Unpack into a fresh tree, then swap it in, so a failed run never leaves half a prefix.
tree="$prefix/.unpack.$$"
rm -rf "$tree"
mkdir -p "$tree"
for deb in "$work"/debs/*.deb; do
  dpkg -x "$deb" "$tree"
done
for d in usr etc lib lib64; do
  rm -rf "${prefix:?}/$d"
  if [ -e "$tree/$d" ]; then mv "$tree/$d" "$prefix/$d"; fi
done
rm -rf "$tree"

libdir="$prefix/usr/lib/$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)"
loader=$(ls "$libdir"/ld-linux-*.so.* 2>/dev/null | head -n1)
[ -x "$prefix/usr/sbin/criu" ] && [ -n "$loader" ] || { echo "provision-criu: criu or its loader missing after unpack" >&2; exit 1; }
cat > "$wrapper" <<WRAP
#!/bin/sh
# CRIU $candidate from Debian $suite, run with that suite's own loader and libraries
# (written by scripts/provision-criu.sh).
exec "$loader" --library-path "$libdir:$prefix/lib/$(basename "$libdir")" "$prefix/usr/sbin/criu" "\$@"
WRAP
chmod 755 "$wrapper"
echo "$candidate" > "$prefix/VERSION"
report "$wrapper"
