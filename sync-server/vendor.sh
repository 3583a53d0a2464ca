#!/bin/sh
# Re-fetches the console's one third-party script, Chart.js, from the npm registry and puts its minified UMD
# build and licence into the console's static files (src/main/resources/console/). The files are committed: the
# Maven build needs no node and the console loads nothing from a CDN at run time. Run this only to move to
# another version, then check the console's charts (system-tests ConsoleBrowserTest) and commit both files.
#
#   sync-server/vendor.sh [version]        (default: the version committed now)
set -eu
VERSION="${1:-4.6.2}"
HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="$HERE/src/main/resources/console"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
npm pack "chart.js@$VERSION" >/dev/null
tar xzf "chart.js-$VERSION.tgz"
head -c 200 package/dist/chart.umd.min.js | grep -q "Chart.js v$VERSION" || { echo "not Chart.js $VERSION" >&2; exit 1; }
cp package/dist/chart.umd.min.js "$OUT/chart.umd.min.js"
cp package/LICENSE.md "$OUT/chart.js-LICENSE.md"
echo "Chart.js $VERSION (MIT, sha256 of the npm tarball: $(sha256sum "chart.js-$VERSION.tgz" | cut -d' ' -f1)) is in $OUT"
