#!/usr/bin/env bash
# Installs Leaflet from the npm registry into assets/vendor/leaflet/, checking the package
# against the integrity npm publishes for the pinned version. The files are committed so that
# `cargo run` needs no npm; CI runs this again and fails if they differ from the registry's.
#
#   bash scripts/vendor-leaflet.sh
set -euo pipefail
VERSION=1.9.4
INTEGRITY='sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA=='
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
tarball="$(npm pack "leaflet@$VERSION" --silent)"
actual="$(python3 -c 'import base64, hashlib, sys; print("sha512-" + base64.b64encode(hashlib.sha512(open(sys.argv[1], "rb").read()).digest()).decode())' "$tarball")"
if [ "$actual" != "$INTEGRITY" ]; then
    echo "leaflet-$VERSION.tgz does not match the pinned integrity ($actual)" >&2
    exit 1
fi
tar -xzf "$tarball"
dest="$root/assets/vendor/leaflet"
rm -rf "$dest"
mkdir -p "$dest/images"
cp package/dist/leaflet.js package/dist/leaflet.css package/LICENSE "$dest/"
cp package/dist/images/marker-icon.png package/dist/images/marker-icon-2x.png \
   package/dist/images/marker-shadow.png package/dist/images/layers.png package/dist/images/layers-2x.png "$dest/images/"
echo "$VERSION" > "$dest/VERSION"
(cd "$dest" && find . -type f ! -name SHA256SUMS | LC_ALL=C sort | xargs sha256sum > SHA256SUMS)
echo "Leaflet $VERSION installed into assets/vendor/leaflet"
