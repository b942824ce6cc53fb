#!/usr/bin/env bash
# Runs .ci/run on a fresh clone of the committed HEAD while two busy loops keep both cores saturated,
# the way CI often runs beside other work. Fails when any test fails. Usage: npm run ci:stress
# (CI_STRESS_LOOPS=N sets the number of busy loops; 2 by default).
set -euo pipefail
root=$(git rev-parse --show-toplevel)
shared=$(cd "$root/.." && pwd)/shared
if [ ! -d "$shared/fixtures" ]; then
  echo "ci:stress needs the shared fixtures at $shared/fixtures, as CI has them" >&2
  exit 2
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/scl-ci-stress-XXXXXX")
loops=()
cleanup() {
  for pid in "${loops[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
git clone -q "$root" "$work/main"
ln -s "$shared" "$work/shared"
for _ in $(seq "${CI_STRESS_LOOPS:-2}"); do
  node -e 'for (;;) {}' &
  loops+=("$!")
done
echo "ci:stress: ${#loops[@]} busy loops running; .ci/run on a fresh clone in $work/main"
start=$(date +%s)
status=0
(cd "$work/main" && bash .ci/run) || status=$?
echo "ci:stress: .ci/run exited $status after $(($(date +%s) - start)) s"
# Tests write only under the temp folder: the clone must hold nothing new but build output.
stray=$(cd "$work/main" && git status --porcelain --ignored |
  grep -v -E '(^.. |/)(node_modules|dist|\.turbo)/$|\.tsbuildinfo$' || true)
if [ -n "$stray" ]; then
  echo "ci:stress: the run left files in the repository:" >&2
  echo "$stray" >&2
  status=1
fi
exit "$status"
