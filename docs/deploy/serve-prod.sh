#!/usr/bin/env bash
# `make serve-prod`: the shop as in production on this machine. Two app servers (gunicorn, on
# 127.0.0.1:8001 and :8002), the Celery worker and beat, on PostgreSQL and Redis, run together
# by honcho from docs/deploy/Procfile; Ctrl-C stops them all. Put nginx (docs/deploy/nginx.conf)
# in front for one address. Settings come from the environment; these defaults suit this machine:
#   PROD_DATABASE_URL  postgresql+psycopg://root@127.0.0.1:5432/shop_prod (created if missing)
#   PROD_REDIS         redis://127.0.0.1:6379 (cache and limits in db 0, the task queue in db 1)
# The secret key is made once and kept in instance/prod/secret_key. Mail goes to the outbox
# folder unless MAIL_SERVER is set; payments use Stripe only when STRIPE_SECRET_KEY is set.
set -euo pipefail
cd "$(dirname "$0")/../.."

home="$PWD/instance/prod"
mkdir -p "$home/uploads"
if [ ! -s "$home/secret_key" ]; then
  .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(48))' > "$home/secret_key"
  chmod 600 "$home/secret_key"
fi

database="${PROD_DATABASE_URL:-postgresql+psycopg://root@127.0.0.1:5432/shop_prod}"
redis="${PROD_REDIS:-redis://127.0.0.1:6379}"
name="${database##*/}"
if ! psql -h 127.0.0.1 -U root -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
  createdb -h 127.0.0.1 -U root "$name"
fi

export SHOP_ENV=production
export SECRET_KEY="$(cat "$home/secret_key")"
export SHOP_INSTANCE_PATH="$home"
export UPLOAD_DIR="$home/uploads"
export DATABASE_URL="$database"
export REDIS_URL="$redis/0"
export CELERY_BROKER_URL="$redis/1"
export SHOP_BASE_URL="${SHOP_BASE_URL:-http://127.0.0.1:8001}"
export SESSION_COOKIE_SECURE="${SESSION_COOKIE_SECURE:-0}"  # plain http on 127.0.0.1; 1 behind TLS

.venv/bin/flask --app wsgi db upgrade
.venv/bin/flask --app wsgi demo-data
echo "The shop: http://127.0.0.1:8001 and http://127.0.0.1:8002 (one database, one Redis)"
exec .venv/bin/honcho --procfile docs/deploy/Procfile --app-root "$PWD" start
