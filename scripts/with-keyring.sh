#!/usr/bin/env bash
# with-keyring.sh CMD [ARGS...]
# Runs CMD with a private D-Bus session bus and, depending on KEYRING_MODE, a gnome-keyring
# Secret Service (org.freedesktop.secrets) in a throwaway keyring; then stops both and deletes
# the keyring. Exit status is CMD's. No TTY or desktop needed (CI). SIGHUP, SIGINT or SIGTERM
# to this script stop CMD with every process below it, the keyring and the bus (exit 128+n).
#   KEYRING_MODE      unlocked (default): the "login" keyring exists and is unlocked
#                     locked:   the "login" keyring exists but is locked (unlock prompts are
#                               dismissed at once, as there is no prompter)
#                     none:     only the D-Bus session; nobody provides org.freedesktop.secrets
#   KEYRING_PASSWORD  password of the "login" keyring (default: ci-keyring-password)
#   KEYRING_DIR       keep the keyring files here across runs (default: temp dir, deleted)
# Debian packages: dbus-daemon, dbus-bin (both pulled in by "dbus"), gnome-keyring.
set -uo pipefail
[[ $# -ge 1 ]] || { echo "usage: $0 CMD [ARGS...]" >&2; exit 2; }
mode="${KEYRING_MODE:-unlocked}"
case "$mode" in
  unlocked | locked | none) ;;
  *) echo "with-keyring: KEYRING_MODE must be unlocked, locked or none (got '$mode')" >&2; exit 2 ;;
esac

# Which binary comes from which Debian package, so the message says exactly what to install.
declare -A package_of=([dbus-daemon]=dbus-daemon [dbus-send]=dbus-bin [gnome-keyring-daemon]=gnome-keyring)
needed=(dbus-daemon dbus-send)
[[ "$mode" == none ]] || needed+=(gnome-keyring-daemon)
missing=()
for b in "${needed[@]}"; do
  command -v "$b" >/dev/null || missing+=("${package_of[$b]}")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "with-keyring: missing programs. Install the Debian packages: apt-get install -y ${missing[*]}" >&2
  exit 127
fi

state=$(mktemp -d "${TMPDIR:-/tmp}/with-keyring.XXXXXX")
data="${KEYRING_DIR:-$state/data}"
mkdir -p "$data" "$state/run" && chmod 700 "$data" "$state/run"
bus_pid='' gkd_pid='' cmd_pid=''

# descendants PID: every process below PID, from /proc. CMD may start processes of its own
# (npx -> vitest -> workers, a test's browser, a node script's server) that must not outlive it.
descendants() {
  local -A children=()
  local file line pid fields
  for file in /proc/[0-9]*/stat; do
    { read -r line <"$file"; } 2>/dev/null || continue
    pid=${line%% *}
    read -ra fields <<<"${line##*) }" # state ppid ...: after the command name, which may hold ") "
    [[ -n "${fields[1]:-}" ]] && children[${fields[1]}]+=" $pid"
  done
  local queue=("$1") found=() child
  while [[ ${#queue[@]} -gt 0 ]]; do
    pid=${queue[0]}
    queue=("${queue[@]:1}")
    for child in ${children[$pid]:-}; do
      found+=("$child")
      queue+=("$child")
    done
  done
  echo "${found[@]}"
}
running() { # running PID...: true while one of them is a live process (not a zombie)
  local pid line
  for pid; do
    { read -r line <"/proc/$pid/stat"; } 2>/dev/null || continue
    [[ "${line##*) }" == Z* ]] || return 0
  done
  return 1
}
stop() { # stop PID...: SIGTERM, up to 5 s to end, then SIGKILL for what is left
  [[ $# -gt 0 ]] || return 0
  kill -s TERM "$@" 2>/dev/null
  for _ in $(seq 50); do
    running "$@" || return 0
    sleep 0.1
  done
  kill -s KILL "$@" 2>/dev/null
}
# On exit, and on HUP/INT/TERM: CMD's whole tree first (SIGTERM even for INT: the background
# CMD of a non-interactive shell ignores SIGINT), then the keyring and the bus, then the files.
cleanup() {
  trap '' HUP INT TERM # a second Ctrl-C must not cut the cleanup short; it ends within ~10 s
  # shellcheck disable=SC2046 # word splitting intended: one PID per word
  [[ -z "$cmd_pid" ]] || stop "$cmd_pid" $(descendants "$cmd_pid")
  # shellcheck disable=SC2046
  stop $gkd_pid $bus_pid $([[ -z "$gkd_pid" ]] || descendants "$gkd_pid")
  wait 2>/dev/null
  rm -rf "$state"
}
trap cleanup EXIT
trap 'exit 129' HUP; trap 'exit 130' INT; trap 'exit 143' TERM
die() { echo "with-keyring: $*" >&2; cat "$state"/*.log >&2 2>/dev/null; exit 1; }

# 1. A private session bus WITHOUT service activation: the stock session config would start a
#    gnome-keyring on demand (with the user's real home as its data dir), so "none" would not
#    be none and a crashed daemon would be silently replaced.
cat >"$state/bus.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=$state/run</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF
# Its log (incl. the harmless "fd limit" warning as root) stays in $state.
dbus-daemon --config-file="$state/bus.conf" --nofork --nopidfile --print-address=3 \
  3>"$state/bus.addr" 2>"$state/dbus.log" &
bus_pid=$!
for _ in $(seq 50); do [[ -s "$state/bus.addr" ]] && break; sleep 0.1; done
[[ -s "$state/bus.addr" ]] || die "dbus-daemon did not start"
export DBUS_SESSION_BUS_ADDRESS="$(head -n1 "$state/bus.addr")"

secrets() { # secrets OBJECT-PATH INTERFACE.METHOD [ARGS...]: call gnome-keyring, print the reply
  dbus-send --session --print-reply --dest=org.freedesktop.secrets "$@"
}
secrets_up() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'
}
login_locked() {
  secrets /org/freedesktop/secrets/collection/login org.freedesktop.DBus.Properties.Get \
    string:org.freedesktop.Secret.Collection string:Locked 2>/dev/null | grep -q 'boolean true'
}

if [[ "$mode" != none ]]; then
  # 2. gnome-keyring with only the secrets component; --unlock reads the password from stdin
  #    (creates the "login" keyring, which becomes the default collection, on first use).
  printf '%s' "${KEYRING_PASSWORD:-ci-keyring-password}" |
    XDG_DATA_HOME="$data" XDG_RUNTIME_DIR="$state/run" \
      gnome-keyring-daemon --foreground --unlock --components=secrets >"$state/gkd.log" 2>&1 &
  gkd_pid=$!
  for _ in $(seq 100); do # wait until org.freedesktop.secrets is owned (max ~10 s)
    secrets_up && break
    kill -0 "$gkd_pid" 2>/dev/null || die "gnome-keyring-daemon exited"
    sleep 0.1
  done
  secrets_up || die "gnome-keyring-daemon did not claim org.freedesktop.secrets"

  # 3. Locked mode: the keyring had to be created unlocked (a headless daemon cannot prompt
  #    for a new password), so lock it now. Locking needs no prompt.
  if [[ "$mode" == locked ]]; then
    secrets /org/freedesktop/secrets org.freedesktop.Secret.Service.Lock \
      array:objpath:/org/freedesktop/secrets/collection/login >"$state/lock.log" 2>&1 ||
      die "could not lock the login keyring"
    login_locked || die "the login keyring did not report Locked=true"
  fi
fi

# 4. run CMD in the background (with the caller's stdin) so that TERM/INT reach our trap at once.
exec 5<&0
"$@" <&5 5<&- &
cmd_pid=$!
wait "$cmd_pid"; rc=$?
cmd_pid=''
exit "$rc"
