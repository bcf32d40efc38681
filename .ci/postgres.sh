#!/usr/bin/env bash
# Install (if needed) and start a local PostgreSQL, create a test role and database, print its URL.
# Usage: eval "$(bash .ci/postgres.sh)"   -> exports PRACTICUM_TEST_POSTGRES_URL
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  apt-get update -q >&2
  apt-get install -y -q postgresql >&2
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h 2>/dev/null | grep -q "^$version main"; then
  pg_createcluster "$version" main >&2
fi
pg_ctlcluster "$version" main start >&2 || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p 5432 >&2
su postgres -c "psql -q -v ON_ERROR_STOP=1" >&2 <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'practicum') THEN
    CREATE ROLE practicum LOGIN PASSWORD 'practicum-ci' CREATEDB;
  END IF;
END $$;
SQL
su postgres -c "psql -q -tAc \"SELECT 1 FROM pg_database WHERE datname='practicum_test'\"" | grep -q 1 \
  || su postgres -c "createdb -O practicum practicum_test" >&2
echo "export PRACTICUM_TEST_POSTGRES_URL=postgresql+psycopg://practicum:practicum-ci@127.0.0.1:5432/practicum_test"
