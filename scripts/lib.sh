# Shared by the scripts (sourced, not run): status lines, elapsed times, quiet steps that
# still show they are alive, and ninja's progress in a log.
# shellcheck shell=bash

# say STEP WORDS...: one status line, "STEP: WORDS".
say() {
  local step=$1
  shift
  printf '%s: %s\n' "$step" "$*"
}

# duration SECONDS: "42 s" or "3 min 05 s".
duration() {
  if (($1 < 60)); then
    printf '%d s' "$1"
  else
    printf '%d min %02d s' $(($1 / 60)) $(($1 % 60))
  fi
}

# quietly LOG STEP WHAT COMMAND...: says WHAT, runs COMMAND with its output in LOG and
# prints the log's tail if it fails. On a terminal one line counts the seconds meanwhile;
# in a log a line before and one after.
quietly() {
  local log=$1 step=$2 what=$3 start=$SECONDS ticker='' status=0
  shift 3
  if [ -t 1 ]; then
    (
      parent=$$
      while kill -0 "$parent" 2>/dev/null; do
        printf '\r%s: %s ... %s ' "$step" "$what" "$(duration $((SECONDS - start)))"
        sleep 1
      done
    ) &
    ticker=$!
  else
    say "$step" "$what ..."
  fi
  "$@" >"$log" 2>&1 || status=$?
  local took
  took=$(duration $((SECONDS - start)))
  if [ -n "$ticker" ]; then
    kill "$ticker" 2>/dev/null || true
    wait "$ticker" 2>/dev/null || true
    printf '\r\033[K'
    [ "$status" -eq 0 ] && say "$step" "$what ... done in $took"
  elif [ "$status" -eq 0 ]; then
    say "$step" "done in $took"
  fi
  if [ "$status" -ne 0 ]; then
    tail -n 60 "$log"
    say "$step" "$what: failed after $took (exit status $status); the whole output is in $log"
  fi
  return "$status"
}

# ninja_progress STEP HEADER: reads ninja's output (through cmake --build) and passes it
# on, but of its "[n/N] ..." lines prints only one every tenth of the way, with the time
# so far; "STEP: HEADER" comes before the first step, and nothing when there is no step
# ("ninja: no work to do." is dropped). For logs, where ninja's own status line would be
# one line per step.
ninja_progress() {
  local step=$1 header=$2 start=$SECONDS line n total=0 pct next=10
  local re='^\[([0-9]+)/([0-9]+)\] (.*)$'
  while IFS= read -r line; do
    if [[ $line =~ $re ]]; then
      n=${BASH_REMATCH[1]}
      # CMake re-checks its globbed source folders before every build: not a build step.
      [[ ${BASH_REMATCH[3]} == Re-checking\ globbed\ directories* ]] && continue
      if [ -n "$header" ]; then
        say "$step" "$header"
        header=''
      fi
      if ((BASH_REMATCH[2] != total)); then
        total=${BASH_REMATCH[2]}
        next=10
      fi
      pct=$((n * 100 / total))
      if ((pct >= next)); then
        say "$step" "$pct % ($n of $total steps, $(duration $((SECONDS - start))))"
        next=$((pct / 10 * 10 + 10))
      fi
    elif [ "$line" != "ninja: no work to do." ]; then
      printf '%s\n' "$line"
    fi
  done
}
