#!/usr/bin/env bash
# `npm test`: everything, on a fresh machine too. Starts what the tests need (MariaDB, Chromium),
# checks lint and types, builds, then runs every package's tests — the database ones on SQLite and on
# MariaDB — and ends with one line of totals.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/use-node.sh

# Each step prints the seconds since the start, so a slow step shows in CI's log.
started=$SECONDS
step() { printf '\n=== [%ds] %s\n' "$((SECONDS - started))" "$*"; }

step 'services: MariaDB, Redis and Chromium'
bash scripts/ensure-mariadb.sh
bash scripts/ensure-redis.sh
bash scripts/ensure-chromium.sh

step 'lint and types'
# Side by side: both read every workspace's types (the lint's rules are type-aware), one core each.
lint_log=$(mktemp)
npm run lint --silent >"$lint_log" 2>&1 &
lint_pid=$!
typecheck_status=0
npm run typecheck --silent || typecheck_status=$?
lint_status=0
wait "$lint_pid" || lint_status=$?
cat "$lint_log"
rm -f "$lint_log"
[ "$lint_status" -eq 0 ] && [ "$typecheck_status" -eq 0 ] || { echo 'lint or types failed' >&2; exit 1; }

step 'build (the end-to-end tests run the built service and front ends)'
npm run build --silent

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
status=0
# A workspace's tests, with its JSON report for the closing line.
run_tests() {
  local workspace=$1
  case "$workspace" in
    # The admin page tests with vitest, whose JSON report carries the same totals as jest's.
    admin) npm test --silent -w "@manyi/$workspace" -- --reporter=default --reporter=json --outputFile.json="$results/$workspace.json" ;;
    # The tests workspace in two parts: the deployment (processes and manifests) and the browser tests.
    deploy | e2e) npm test --silent -w @manyi/tests -- --json --outputFile="$results/$workspace.json" "$workspace/" ;;
    *) npm test --silent -w "@manyi/$workspace" -- --json --outputFile="$results/$workspace.json" ;;
  esac
}
# Two lanes, one per core: the cloud's tests (one jest worker beside its MariaDB) and, meanwhile, the
# unit workspaces and the deployment tests one after another (one worker each); each line is prefixed
# with its part. The browser tests come after, alone: beside the cloud's lane a browser step timed out.
lane() {
  local lane_status=0
  for workspace in "$@"; do
    step "tests: $workspace"
    run_tests "$workspace" 2>&1 | sed -u "s/^/[$workspace] /" || lane_status=1
  done
  return $lane_status
}
step 'tests: cloud, beside shared, miniapp, admin and deploy'
lane cloud &
cloud_lane=$!
lane shared miniapp admin deploy || status=1
wait "$cloud_lane" || status=1
lane e2e || status=1

# After both lanes: it stops MariaDB, which the cloud's tests use.
step 'fault tests: MariaDB stopped, frozen and restarted, the service killed mid-load'
npm run test:faults --silent -w @manyi/tests -- --json --outputFile="$results/faults.json" || status=1

# One closing line over every workspace's jest results, read from jest's own JSON reports.
node --input-type=module - "$results" <<'JS'
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
const dir = process.argv[2];
let passed = 0, failed = 0, skipped = 0, suitesFailed = 0;
for (const file of readdirSync(dir)) {
  const r = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + r.numTodoTests;
  suitesFailed += (r.numRuntimeErrorTestSuites ?? 0) + r.numFailedTestSuites;
}
if (suitesFailed > 0 && failed === 0) failed = suitesFailed;
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
// The ten slowest test files, so the next cut at the run's time starts from numbers.
const files = [];
for (const file of readdirSync(dir)) {
  for (const t of JSON.parse(readFileSync(join(dir, file), 'utf8')).testResults ?? []) {
    if (t.startTime && t.endTime) files.push([(t.endTime - t.startTime) / 1000, t.name.replace(process.cwd() + '/', '')]);
  }
}
files.sort((a, b) => b[0] - a[0]);
for (const [seconds, name] of files.slice(0, 10)) console.log(`${seconds.toFixed(1).padStart(7)} s  ${name}`);
JS
step 'done'
exit $status
