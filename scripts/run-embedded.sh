#!/usr/bin/env bash
# Embedded mode: migrate SQLite, load the demo data once, start the task worker and the
# periodic-task scheduler beside the web server. Ctrl-C stops all three.
set -euo pipefail
port=${1:-8000}
export DJANGO_SETTINGS_MODULE=config.django.local
unset DATABASE_URL TASK_BACKEND
bin=.venv/bin

$bin/servicepuls migrate --no-input -v0
$bin/servicepuls demo --if-empty

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "Servicepuls stopped."
}
trap stop INT TERM EXIT

$bin/servicepuls db_worker --queue-name '*' --no-reload &
pids+=($!)
$bin/servicepuls scheduler &
pids+=($!)
echo "Task worker and scheduler started (pids ${pids[*]})."
echo "Servicepuls: http://127.0.0.1:${port}/  (staff login: http://127.0.0.1:${port}/logga-in/)"
$bin/servicepuls runserver "127.0.0.1:${port}" --noreload --insecure &
pids+=($!)
wait -n "${pids[@]}"
