#!/bin/sh
# Installs the Debian packages a target needs when they are missing.
# usage: scripts/deps.sh build|test|bench (test adds cmocka, python3-yaml,
# valgrind, clang with libFuzzer for the fuzz harnesses, chromium, nginx,
# Japanese fonts and Node.js for the browser tests; bench adds Hugo and
# cmark-gfm, the tools make bench compares against)
set -eu
BUILD="make gcc pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-dev liblua5.4-dev libtidy-dev libutf8proc-dev libgit2-dev libmicrohttpd-dev"
TEST="libcmocka-dev python3 python3-yaml valgrind time libxml2-utils clang libclang-rt-14-dev rsync"
BROWSER="chromium nginx-light fonts-noto-cjk"
case "${1:-build}" in
build) want="$BUILD" ;;
test) want="$BUILD $TEST $BROWSER" ;;
bench) want="$BUILD $TEST $BROWSER hugo cmark-gfm" ;;
*) echo "usage: $0 build|test|bench" >&2; exit 2 ;;
esac
missing=""
for p in $want; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
# Node.js may come from another repository (with its own npm): only ask
# Debian for it when the commands are missing.
if [ "${1:-build}" != build ]; then
	command -v node >/dev/null 2>&1 || missing="$missing nodejs"
	command -v npm >/dev/null 2>&1 || missing="$missing npm"
fi
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
	echo "shirube: missing packages:$missing" >&2
	echo "shirube: this is not a Debian-like system; install the equivalents of these packages and run make again." >&2
	exit 1
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
	if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
		echo "shirube: missing packages:$missing (run as root or install sudo)" >&2; exit 1
	fi
fi
echo "shirube: installing$missing" >&2
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >&2
