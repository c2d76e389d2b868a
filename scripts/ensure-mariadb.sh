#!/usr/bin/env bash
# Makes sure a MariaDB server is installed, running and has the test user that the test suite uses
# (MANYI_TEST_MYSQL_URL, default mysql://manyi:manyi@127.0.0.1:3306). Safe to run again and again.
set -euo pipefail

log() { printf 'ensure-mariadb: %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v mariadbd >/dev/null 2>&1 && [ ! -x /usr/sbin/mariadbd ]; then
  log "installing mariadb-server from Debian's packages"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq mariadb-server mariadb-client >/dev/null
fi

client() { as_root mariadb --protocol=socket -uroot "$@"; }

if ! client -e 'SELECT 1' >/dev/null 2>&1; then
  log "starting MariaDB"
  as_root mkdir -p /run/mysqld
  as_root chown mysql:mysql /run/mysqld 2>/dev/null || true
  as_root start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql
  for _ in $(seq 1 60); do
    client -e 'SELECT 1' >/dev/null 2>&1 && break
    sleep 0.5
  done
  client -e 'SELECT 1' >/dev/null || { log "MariaDB did not start"; exit 1; }
fi

# Test databases are created per test file as manyi_t_<random>; the test user may create only those.
client <<'SQL'
CREATE USER IF NOT EXISTS 'manyi'@'127.0.0.1' IDENTIFIED BY 'manyi';
CREATE USER IF NOT EXISTS 'manyi'@'localhost' IDENTIFIED BY 'manyi';
GRANT ALL PRIVILEGES ON `manyi\_%`.* TO 'manyi'@'127.0.0.1';
GRANT ALL PRIVILEGES ON `manyi\_%`.* TO 'manyi'@'localhost';
FLUSH PRIVILEGES;
SQL
log "MariaDB ready ($(client -N -e 'SELECT VERSION()'))"
