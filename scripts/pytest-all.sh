#!/usr/bin/env bash
# The whole suite on SQLite; then the database-backed tests again on PostgreSQL when
# DATABASE_URL points at one (CI sets it).
set -euo pipefail
bin=.venv/bin
pg_url=${DATABASE_URL:-}
echo "== pytest on SQLite"
env -u DATABASE_URL $bin/pytest -p no:cacheprovider -n 2 --dist loadgroup "$@"
if [[ "$pg_url" == postgres* ]]; then
  echo "== pytest on PostgreSQL ($pg_url)"
  DATABASE_URL="$pg_url" $bin/pytest -p no:cacheprovider -n 2 --dist loadgroup \
    -m "not browser and not stack" servicepuls tests "$@"
  echo "== the proof scenarios' stacks on PostgreSQL, one at a time"
  DATABASE_URL="$pg_url" $bin/pytest -p no:cacheprovider -m stack tests/proof "$@"
fi
