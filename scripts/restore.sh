#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into the database DATABASE_URL names.
#
#   scripts/restore.sh FILE
#
# Stop the web processes, task workers and the scheduler first. PostgreSQL: pg_restore in one
# transaction, dropping the objects it restores first (--clean), so a failed restore leaves the
# database as it was. SQLite: the backup is copied over the database file with SQLite's backup
# API (which also clears the write-ahead log). Then start the service again; run
# `servicepuls migrate` if the backup is older than the code.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/db-target.sh
source "$here/db-target.sh"
db_target_resolve
python=${PYTHON:-python3}

file=${1:?usage: scripts/restore.sh FILE}
if [ ! -f "$file" ]; then
  echo "No backup file at $file." >&2
  exit 1
fi

if [ "$engine" = postgres ]; then
  if ! pg_restore --list "$file" >/dev/null 2>&1; then
    echo "$file is not a pg_dump custom-format archive (was it made from SQLite?)." >&2
    exit 1
  fi
  pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
    --exit-on-error --dbname="$target" "$file"
else
  mkdir -p "$(dirname "$target")"
  "$python" - "$file" "$target" <<'PY'
import re
import sqlite3
import sys


def regexp(pattern, value):
    # Django's SQLite backend registers REGEXP; CHECK constraints on the schema use it.
    return value is not None and re.search(pattern, str(value)) is not None


try:
    source = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
    source.create_function("REGEXP", 2, regexp, deterministic=True)
    check = source.execute("PRAGMA integrity_check").fetchone()[0]
except sqlite3.DatabaseError as error:
    sys.exit(f"{sys.argv[1]} is not an SQLite backup: {error}")
if check != "ok":
    sys.exit(f"{sys.argv[1]} failed its integrity check: {check}")
destination = sqlite3.connect(sys.argv[2])
destination.create_function("REGEXP", 2, regexp, deterministic=True)
with destination:
    source.backup(destination)
destination.execute("PRAGMA wal_checkpoint(TRUNCATE)")
destination.close()
source.close()
PY
fi
echo "Restored the $engine database from $file."
