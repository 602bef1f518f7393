#!/usr/bin/env bash
# The Debian bookworm base image of the local Compose run, park-local/debian:bookworm: a minimal
# root file system made by Debian's debootstrap (installed with apt-get when missing), imported
# into the engine. Built once; the engine keeps it (its data root is under the cache folder).
set -euo pipefail
tag=park-local/debian:bookworm
docker image inspect "$tag" >/dev/null 2>&1 && exit 0
if ! command -v debootstrap >/dev/null; then
    echo "== installing Debian's debootstrap with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >&2
fi
cache="${PARK_CACHE:-$HOME/.cache/park}"
mkdir -p "$cache"
tmp="$(mktemp -d "$cache/.debootstrap.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
echo "== debootstrap --variant=minbase bookworm (once)" >&2
debootstrap --variant=minbase bookworm "$tmp/rootfs" >"$tmp/debootstrap.log" 2>&1 \
    || { tail -20 "$tmp/debootstrap.log" >&2; echo "error: debootstrap failed" >&2; exit 1; }
rm -rf "$tmp/rootfs/var/cache/apt/archives/"*.deb "$tmp/rootfs/var/lib/apt/lists/"*
tar -C "$tmp/rootfs" -c . | docker import --change 'CMD ["/bin/bash"]' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$tag" >/dev/null
echo "$tag" >&2
