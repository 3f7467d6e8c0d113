#!/usr/bin/env bash
# Shared by backup.sh and restore.sh: decides from the environment which database Servicepuls
# uses, exactly as config/settings/database.py does. Sets `engine` (postgres | sqlite) and
# `target` (a libpq connection URL or the SQLite file path).
db_target_resolve() {
  local url=${DATABASE_URL:-}
  case "$url" in
    postgres://* | postgresql://* | pgsql://* | psql://*)
      engine=postgres
      # libpq understands postgres:// and postgresql:// only.
      target="postgresql://${url#*://}"
      ;;
    sqlite:///*)
      engine=sqlite
      # sqlite:////absolute/path or sqlite:///relative/path, as django-environ reads them.
      target="${url#sqlite:///}"
      ;;
    "")
      engine=sqlite
      local repo
      repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
      target="${SERVICEPULS_DATA_DIR:-$repo/var}/servicepuls.sqlite3"
      ;;
    *)
      echo "DATABASE_URL must be postgres://… or sqlite:///…, not '${url%%://*}://…'." >&2
      return 2
      ;;
  esac
}
