#!/usr/bin/env bash
# Builds one Go command from a module on the Go module proxy, cached under the project's cache
# folder. `go install MODULE/cmd@VERSION` is refused for modules whose go.mod has exclude or
# replace directives (docker/compose has), so: download the module with the go command, copy it,
# and build the command there with its own go.mod/go.sum (the dependencies it was released with).
#   build-go.sh MODULE VERSION PACKAGE NAME    prints the binary's path on stdout
# e.g. build-go.sh github.com/docker/compose/v5 v5.6.0 ./cmd docker-compose
set -euo pipefail
module=$1 version=$2 package=$3 name=$4
cache="${PARK_CACHE:-$HOME/.cache/park}"
dest="$cache/$name-$version"
bin="$dest/bin/$name"
if [[ ! -x "$bin" ]]; then
    command -v go >/dev/null || { echo "building $name needs Go (https://go.dev/dl/)" >&2; exit 1; }
    mkdir -p "$dest/bin"
    echo "== building $name $version from the Go module proxy (once, cached in $dest)" >&2
    src="$(go mod download -json "$module@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
    [[ -d "$src" ]] || { echo "go mod download $module@$version gave no source folder" >&2; exit 1; }
    tmp="$(mktemp -d "$dest/.build.XXXXXX")"
    trap 'rm -rf "$tmp"' EXIT
    cp -R "$src/." "$tmp/src"
    chmod -R u+w "$tmp/src"
    (cd "$tmp/src" && CGO_ENABLED=0 GOFLAGS=-buildvcs=false go build -trimpath -ldflags "-s -w" \
        -o "$tmp/$name" "$package" >&2)
    mv -f "$tmp/$name" "$bin"
fi
echo "$bin"
