#!/bin/sh
# Uploads a built site to DEST, a local directory or [user@]host:/path
# reached by rsync over ssh (docs/publishing.md).
# usage: scripts/publish.sh SITE_DIR DEST
# environment:
#   FORCE=1    publish into a non-empty DEST that holds no publish marker
#              (every file there that is not part of the site is deleted)
#   DRY_RUN=1  list what would be added, changed and deleted; change nothing
#   ATOMIC=0   update DEST in place instead of uploading beside it and
#              switching (for a DEST whose parent directory is not writable)
#
# DEST keeps a marker file, .shirube-published, so a later publish knows the
# directory is ours. The upload goes to DEST.shirube-new beside DEST
# (unchanged files hard-linked, not copied), then two renames switch it in:
# readers see the old site or the new one, never a half-uploaded one.
set -eu
MARK=.shirube-published
die() { printf 'publish: error: %s\n' "$1" >&2; [ $# -lt 2 ] || printf '  hint: %s\n' "$2" >&2; exit 1; }

[ $# -eq 2 ] || { echo "usage: scripts/publish.sh SITE_DIR DEST" >&2; exit 2; }
SITE=${1%/} DEST=$2
[ -f "$SITE/index.html" ] || die "$SITE/index.html: no built site here" "run ./shirube build first (make publish does)"

# [user@]host:path is remote, as rsync reads it; anything with a / before
# the first colon is a local path
case $DEST in
/* | ./* | ../*) HOST= DPATH=$DEST ;;
*:*) HOST=${DEST%%:*} DPATH=${DEST#*:} ;;
*) HOST= DPATH=$DEST ;;
esac
while [ "${DPATH%/}" != "$DPATH" ] && [ "$DPATH" != / ]; do DPATH=${DPATH%/}; done
case $DPATH in
'' | / | . | .. | '~') die "DEST=$DEST: refusing to publish to the root, home or current directory" "name the site's own directory, e.g. /var/www/guides/" ;;
esac
NEW=$DPATH.shirube-new OLD=$DPATH.shirube-old
rdest() { if [ -n "$HOST" ]; then printf '%s:%s' "$HOST" "$1"; else printf '%s' "$1"; fi; }

# q WORD: WORD quoted for a POSIX shell
q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
# on_dest SCRIPT ARG...: a shell script run where DEST is
on_dest() {
	script=$1
	shift
	if [ -z "$HOST" ]; then
		sh -c "$script" sh "$@"
	else
		cmd="sh -c $(q "$script") sh"
		for a in "$@"; do cmd="$cmd $(q "$a")"; done
		ssh "$HOST" "$cmd"
	fi
}

# The state of a directory: missing, empty, ours (holds the marker), foreign
# (anything else, a file included)
state() {
	on_dest '
	if [ ! -e "$1" ] && [ ! -L "$1" ]; then echo missing
	elif [ -d "$1" ] && [ ! -L "$1" ] && [ -f "$1/'$MARK'" ]; then echo ours
	elif [ -d "$1" ] && [ ! -L "$1" ] && [ -z "$(ls -A "$1")" ]; then echo empty
	else echo foreign; fi' "$1"
}

st=$(state "$DPATH") || die "$DEST: cannot reach it" "check the host name, the ssh key and that the path exists"
if [ "$st" = foreign ] && [ "${FORCE:-}" != 1 ]; then
	die "$DEST is not empty and holds no $MARK marker, so it is not a site this command published: nothing was changed" \
	    "check DEST (one directory too high?); to publish there anyway, deleting every file in it that is not part of the site: make publish DEST=$DEST FORCE=1"
fi

if [ "${DRY_RUN:-}" = 1 ]; then
	echo "publish: dry run: what publishing $SITE/ to $DEST would change (nothing is changed)"
	if [ "$st" = missing ]; then
		(cd "$SITE" && find . -type f ! -name .shirube-site | sed 's|^\./|  add     |' | sort)
	else
		# by content (-c): every build writes every file anew, so times
		# alone would list every page as changed
		rsync -rlt -c --delete --exclude .shirube-site --filter="P $MARK" --chmod=D755,F644 \
		      -n -i "$SITE/" "$(rdest "$DPATH")/" |
		awk '/^\*deleting/ { sub(/^\*deleting +/, ""); print "  delete  " $0; next }
		     /^[<>ch]f\+/  { sub(/^[^ ]+ /, ""); print "  add     " $0; next }
		     /^[<>ch]f/    { sub(/^[^ ]+ /, ""); print "  change  " $0; next }' | sort -k2
	fi
	case $st in
	missing) what="does not exist yet" ;; empty) what="is empty" ;;
	ours) what="holds a site published before" ;; *) what="is not ours (FORCE=1: its other files would be deleted)" ;;
	esac
	echo "publish: dry run: $DEST $what; run without DRY_RUN=1 to publish"
	exit 0
fi

if [ "${ATOMIC:-1}" = 0 ]; then
	on_dest 'mkdir -p "$1"' "$DPATH"
	rsync -rlt --delete-after --exclude .shirube-site --filter="P $MARK" --chmod=D755,F644 "$SITE/" "$(rdest "$DPATH")/"
	on_dest 'printf "shirube site\n" >"$1/'$MARK'"' "$DPATH"
	echo "publish: $SITE/ copied to $DEST (in place)"
	exit 0
fi

# Upload beside DEST, then switch. Leftovers of an interrupted publish are
# ours only when they hold the marker.
for d in "$NEW" "$OLD"; do
	case $(state "$d") in
	missing) ;;
	ours | empty) on_dest 'rm -rf "$1"' "$d" ;;
	*) die "$(rdest "$d") exists and is not from a publish: nothing was changed" "move it away, or publish in place with ATOMIC=0" ;;
	esac
done
on_dest 'mkdir "$1" && printf "shirube site\n" >"$1/'$MARK'"' "$NEW" ||
	die "$(rdest "$NEW"): cannot create the upload directory beside DEST" "make DEST's parent directory writable, or publish in place with ATOMIC=0"
link=
[ "$st" = missing ] || link="--link-dest=../$(basename "$DPATH")"
rsync -rlt --delete --exclude .shirube-site --filter="P $MARK" --chmod=D755,F644 ${link:+"$link"} "$SITE/" "$(rdest "$NEW")/"
on_dest '
if [ -e "$1" ]; then mv "$1" "$3" && mv "$2" "$1" && rm -rf "$3"
else mv "$2" "$1"; fi' "$DPATH" "$NEW" "$OLD"
echo "publish: $SITE/ published to $DEST"
