#!/usr/bin/env bash
# Makes sure a Redis server answers on 127.0.0.1:6379 (MANYI_TEST_REDIS_URL's default), for the tests
# of several instances sharing rate limits and scheduled jobs. Installs Debian's redis-server when it
# is missing; safe to run again and again. Test data only: nothing is saved to disk.
set -euo pipefail

log() { printf 'ensure-redis: %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v redis-server >/dev/null 2>&1; then
  log "installing redis-server from Debian's packages"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq redis-server >/dev/null
fi

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  log "starting Redis on 127.0.0.1:6379"
  redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save '' --appendonly no --logfile /dev/null
  for _ in $(seq 1 40); do
    redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break
    sleep 0.25
  done
  redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null || { log "Redis did not start"; exit 1; }
fi
log "Redis ready ($(redis-cli -h 127.0.0.1 -p 6379 INFO server | grep -m1 redis_version | tr -d '\r'))"
