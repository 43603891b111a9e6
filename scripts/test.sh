#!/usr/bin/env bash
# The one test command (README, `npm test`, .ci/run): from a fresh clone on a fresh Debian machine
# it installs what is missing, then type-checks, lints, checks formatting, builds, scans for
# Electron security issues and runs the unit, integration and end-to-end tests. It ends with one
# line `N passed, N failed, N skipped` summed over every runner (each check counts as one test)
# and exits non-zero when anything failed.
#   SKIP_INSTALL=1   reuse node_modules instead of `npm ci` (quicker local loops)
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out="$root/.test-output"
rm -rf "$out" && mkdir -p "$out"

passed=0 failed=0 skipped=0
summary=()
finish() {
  echo
  printf '  %s\n' "${summary[@]}"
  echo "$passed passed, $failed failed, $skipped skipped"
  [[ $failed -eq 0 ]]
  exit $?
}
abort() { # a step without which nothing else can run
  echo "test: $*" >&2
  failed=$((failed + 1))
  summary+=("FAILED  $*")
  finish
}

# 1. System packages: the browser the e2e tests drive, a D-Bus + Secret Service keychain, registries.
declare -A package_of=(
  [chromium]=chromium [dbus-daemon]=dbus [gnome-keyring-daemon]=gnome-keyring [secret-tool]=libsecret-tools
  # Real registries for the OCI client's tests: the CNCF distribution registry, skopeo to push
  # fixtures and check copies, htpasswd for the registry's Basic auth.
  [docker-registry]=docker-registry [skopeo]=skopeo [htpasswd]=apache2-utils
)
missing=()
for program in "${!package_of[@]}"; do
  command -v "$program" >/dev/null || missing+=("${package_of[$program]}")
done
# CJK glyphs so the Chinese UI renders (and is screenshotted) as users see it.
if command -v fc-list >/dev/null && ! fc-list :lang=zh family | grep -q .; then missing+=(fonts-noto-cjk); fi
if [[ ${#missing[@]} -gt 0 ]]; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "== installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null; } ||
      abort "could not install ${missing[*]} (apt-get failed)"
  else
    abort "missing system packages; install them with: sudo apt-get install -y ${missing[*]}"
  fi
fi

# 2. Node packages, exactly as locked. Electron's and Playwright's own downloads are not needed:
#    the app is tested under Node and in the system Chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 ELECTRON_SKIP_BINARY_DOWNLOAD=1
if [[ "${SKIP_INSTALL:-}" != 1 ]]; then
  echo "== npm ci"
  npm ci --no-audit --no-fund --loglevel=error || abort "npm ci failed"
fi

# 3. Checks, each counted as one test.
check() { # check NAME CMD...
  echo "== $1"
  if "${@:2}"; then
    passed=$((passed + 1))
    summary+=("ok      $1")
  else
    failed=$((failed + 1))
    summary+=("FAILED  $1")
  fi
}
check typecheck npm run --silent typecheck
check lint npx eslint . --max-warnings 0
check format npx prettier --check . --log-level warn
check build node scripts/build.mjs
check "security scan" node scripts/security-scan.mjs

# 4. Test runners; their JSON reports are summed.
count_vitest() { # count_vitest NAME REPORT
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log(r.numPassedTests, r.numFailedTests + (r.success || r.numFailedTests ? 0 : 1),
      r.numPendingTests + r.numTodoTests);' "$2"
}
count_playwright() { # count_playwright NAME REPORT
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const s = r.stats, errors = (r.errors ?? []).length;
    console.log(s.expected + s.flaky, s.unexpected + (s.unexpected ? 0 : errors), s.skipped);' "$2"
}
runner() { # runner NAME COUNTER REPORT CMD...
  local name=$1 counter=$2 report=$3
  echo "== $name"
  "${@:4}"
  local rc=$? p=0 f=0 s=0
  if [[ -s "$report" ]] && read -r p f s < <($counter "$name" "$report"); then
    # A runner that failed without a failed test (crashed setup, unhandled error) still fails.
    [[ $rc -ne 0 && $f -eq 0 ]] && f=1
  else
    f=1
  fi
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
  summary+=("$(printf '%-7s %s: %d passed, %d failed, %d skipped' "$([[ $f -eq 0 ]] && echo ok || echo FAILED)" "$name" "$p" "$f" "$s")")
}

export CI="${CI:-true}" # in this command a missing keychain fails the keychain tests, never skips them
runner unit count_vitest "$out/unit.json" \
  npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$out/unit.json"
runner integration count_vitest "$out/integration.json" \
  bash scripts/with-keyring.sh npx vitest run --project integration \
  --reporter=default --reporter=json --outputFile.json="$out/integration.json"
runner e2e count_playwright "$out/playwright.json" \
  bash scripts/with-keyring.sh npx playwright test

finish
