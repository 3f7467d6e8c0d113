#!/usr/bin/env bash
# Back up the Servicepuls database to one file, while the service keeps running.
#
#   scripts/backup.sh [FILE]
#
# PostgreSQL (DATABASE_URL=postgres://…): `pg_dump --format=custom`, a consistent snapshot
# restorable with scripts/restore.sh (pg_restore). SQLite (no DATABASE_URL, or sqlite:///…):
# SQLite's online backup API, which copies a consistent snapshot even while the web process and
# the task worker write (WAL mode). FILE defaults to
# ${SERVICEPULS_BACKUP_DIR:-var/backups}/servicepuls-<engine>-<UTC time>.<dump|sqlite3>.
# Uploaded files and generated reports live in the data folder's media/; back that folder up
# with your file backup (see docs/operations.md).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/db-target.sh
source "$here/db-target.sh"
db_target_resolve
python=${PYTHON:-python3}

stamp=$(date -u +%Y%m%dT%H%M%SZ)
if [ "$engine" = postgres ]; then suffix=dump; else suffix=sqlite3; fi
file=${1:-${SERVICEPULS_BACKUP_DIR:-$here/../var/backups}/servicepuls-$engine-$stamp.$suffix}
mkdir -p "$(dirname "$file")"
partial="$file.partial"
trap 'rm -f "$partial"' EXIT

if [ "$engine" = postgres ]; then
  pg_dump --format=custom --no-owner --no-privileges --file="$partial" --dbname="$target"
else
  if [ ! -f "$target" ]; then
    echo "No SQLite database at $target (set SERVICEPULS_DATA_DIR or DATABASE_URL)." >&2
    exit 1
  fi
  "$python" - "$target" "$partial" <<'PY'
import re
import sqlite3
import sys


def regexp(pattern, value):
    # Django's SQLite backend registers REGEXP; CHECK constraints on the schema use it.
    return value is not None and re.search(pattern, str(value)) is not None


source = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
source.create_function("REGEXP", 2, regexp, deterministic=True)
destination = sqlite3.connect(sys.argv[2])
destination.create_function("REGEXP", 2, regexp, deterministic=True)
with destination:
    source.backup(destination)
check = destination.execute("PRAGMA integrity_check").fetchone()[0]
destination.close()
source.close()
if check != "ok":
    sys.exit(f"The backup copy failed its integrity check: {check}")
PY
fi
# Only a complete backup gets the final name: a crash never leaves a file that looks whole.
mv "$partial" "$file"
trap - EXIT
echo "Backed up the $engine database to $file ($(du -h "$file" | cut -f1))."
