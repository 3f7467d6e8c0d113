#!/usr/bin/env bash
# `check --deploy` with production settings must pass with no warning at all.
set -euo pipefail
output=$(DJANGO_SETTINGS_MODULE=config.django.production \
  SECRET_KEY="check-deploy-$(head -c 48 /dev/urandom | base64 | tr -d '/+=')" \
  ALLOWED_HOSTS=servicepuls.example.se DATABASE_URL= REDIS_URL= \
  .venv/bin/servicepuls check --deploy --fail-level WARNING 2>&1) || { echo "$output"; exit 1; }
echo "$output"
