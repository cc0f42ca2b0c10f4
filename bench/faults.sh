#!/usr/bin/env bash
# Scripted fault run (issue 13): does any fault damage a run directory, and is each one named?
#
#   bench/faults.sh [WORK_DIR]          (needs root for the tmpfs and the read-only bind mount)
#
# Builds nothing it installs: the class path comes from target/ (mvn compile) of this checkout.
# Scenarios, each on tiny Fashion runs checkpointing every step (--set checkpoint.every_steps=1):
#   kill -9 x20 at random moments, a full disk (a real tmpfs filled while training), a read-only
#   directory (a real read-only bind mount), a concurrent second run (+ SIGINT of the first), and a
#   damaged checkpoint file of each kind (params, optimizer ndlist, position.yaml, config.yaml,
#   manifest). A run directory counts as damaged when its newest checkpoint fails `sha256sum -c`,
#   it cannot be sampled or resumed afterwards, or a refused command changed a byte of it.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$(mktemp -d /tmp/ganpoet-faults.XXXXXX)}"
mkdir -p "$work"
if [[ ! -s "$work/cp.txt" ]]; then
  (cd "$root" && mvn -q -B -ntp -o -pl processor,samples -am compile dependency:build-classpath \
      -Dmdep.outputFile="$work/cp.txt") >&2 || { echo "build failed" >&2; exit 1; }
fi
export TORCH_CPP_LOG_LEVEL=ERROR
java_cmd=(java -Dai.djl.offline=true -Djava.awt.headless=true -cp "$root/samples/target/classes:$(cat "$work/cp.txt")"
  io.ganpoet.samples.GanpoetApp)
# Background jobs of a script ignore SIGINT; this restores it so the JVM sees Ctrl-C as a user's would.
with_sigint=(python3 -c 'import os,signal,sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])')
TINY=(--set batch_size=16 --set steps_per_epoch=4 --set sample.grid=16 --set eval.fd_samples=0 --set cpu_threads=1
  --set checkpoint.every_steps=1 --set log.every_steps=1000)
ganpoet() { "${java_cmd[@]}" "$@"; }

damaged=0
named=0
faults=0
note() { printf '%s\n' "$*" | tee -a "$work/report.txt"; }
tree_sum() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16); }
latest() { ls -d "$1"/checkpoints/step-* 2>/dev/null | tail -1; }
verify() { # newest checkpoint verifies against its manifest
  local c; c="$(latest "$1")"
  [[ -n "$c" ]] && (cd "$c" && sha256sum --quiet -c manifest.sha256 >/dev/null 2>&1)
}
epoch_of() { sed -n 's/^epoch: //p' "$(latest "$1")/position.yaml"; }
wait_for_checkpoint() { # $1 run, $2 pid
  for _ in $(seq 600); do [[ -n "$(latest "$1")" ]] && return 0; kill -0 "$2" 2>/dev/null || return 1; sleep 0.1; done; return 1
}
one_line() { [[ $(wc -l < "$1") -eq 1 ]] && ! grep -q -e 'Exception' -e $'\tat ' -e 'null' "$1"; }

note "work directory: $work"

# 1. kill -9 at random moments, checkpoints every step -------------------------------------------
run="$work/killed"
rm -rf "$run"
kills=0 bad_after_kill=0
for i in $(seq 20); do
  "${java_cmd[@]}" train --run "$run" --epochs 1000 "${TINY[@]}" > "$work/kill-$i.log" 2>&1 &
  pid=$!  # the JVM itself (a shell function here would put a subshell between)
  # Kill while training: once this process has written a checkpoint of its own, at a random moment
  # of the next second and a half (a step plus its checkpoint takes about that long here).
  before="$(latest "$run")"
  for _ in $(seq 1200); do [[ "$(latest "$run")" != "$before" ]] && break; kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  sleep "$(python3 -c "import random; print(round(random.uniform(0.0, 1.5), 2))")"
  kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
  wait "$pid" 2>/dev/null
  if [[ -n "$(latest "$run")" ]] && ! verify "$run"; then bad_after_kill=$((bad_after_kill + 1)); fi
done
faults=$((faults + kills))
next=$(( $(epoch_of "$run") + 1 ))
if ganpoet sample "$run" --count 4 > /dev/null 2>&1 && ganpoet train --run "$run" --epochs "$next" > "$work/kill-resume.log" 2>&1 \
    && verify "$run" && [[ "$(epoch_of "$run")" == "$next" ]] && [[ $bad_after_kill -eq 0 ]]; then
  note "kill -9: $kills kills during training (reached global step $(sed -n 's/^step: //p' "$(latest "$run")/position.yaml")), $bad_after_kill unverifiable checkpoints after a kill; sampled and resumed to epoch $next: run intact"
else
  damaged=$((damaged + 1)); note "kill -9: $kills kills, $bad_after_kill unverifiable checkpoints: RUN DAMAGED (see $work/kill-*.log)"
fi
# metrics.csv: steps strictly increasing, no row twice (resumes drop the rows past their checkpoint)
if awk -F, 'NR > 1 { if ($2 <= last) bad = 1; last = $2 } END { exit bad }' "$run/metrics.csv"; then
  note "kill -9: metrics.csv steps strictly increasing over $(( $(wc -l < "$run/metrics.csv") - 1 )) rows"
else
  damaged=$((damaged + 1)); note "kill -9: metrics.csv out of order: RUN DAMAGED"
fi

# 2. full disk: a 24 MB tmpfs, filled while training ----------------------------------------------
disk="$work/disk"
mkdir -p "$disk"
if mount -t tmpfs -o size=24m tmpfs "$disk" 2>/dev/null; then
  run="$disk/run"
  "${java_cmd[@]}" train --run "$run" --epochs 1000 "${TINY[@]}" > "$work/full.out" 2> "$work/full.err" &
  pid=$!
  wait_for_checkpoint "$run" "$pid"
  sleep 1
  dd if=/dev/zero of="$disk/filler" bs=64k > /dev/null 2>&1  # until "No space left on device"
  wait "$pid"; code=$?
  faults=$((faults + 1))
  if [[ $code -eq 1 ]] && grep -q -e "No space left on device" -e "the disk holding it is full" "$work/full.err" \
      && grep -q "$run/" "$work/full.err" \
      && one_line "$work/full.err"; then
    named=$((named + 1)); note "full disk: exit 1, named: $(cat "$work/full.err")"
  else
    note "full disk: exit $code, NOT NAMED: $(cat "$work/full.err")"
  fi
  rm -f "$disk/filler"
  next=$(( $(epoch_of "$run") + 1 ))
  if verify "$run" && ganpoet train --run "$run" --epochs "$next" > "$work/full-resume.log" 2>&1 && verify "$run"; then
    note "full disk: the newest checkpoint verified, and the run resumed once space was freed"
  else
    damaged=$((damaged + 1)); note "full disk: RUN DAMAGED (see $work/full-resume.log)"
  fi
  umount "$disk"
else
  note "full disk: SKIPPED (cannot mount a tmpfs: not root?)"
fi

# A finished run to copy for the next scenarios.
base="$work/base"
rm -rf "$base"
ganpoet train --run "$base" --epochs 2 "${TINY[@]}" > "$work/base.log" 2>&1 || { note "base run failed"; exit 1; }

# 3. read-only directory: a read-only bind mount of a finished run --------------------------------
ro="$work/readonly"
mkdir -p "$ro"
if mount --bind "$base" "$ro" 2>/dev/null && mount -o remount,ro,bind "$ro" 2>/dev/null; then
  before="$(tree_sum "$base")"
  for cmd in "train --run $ro --epochs 3" "sample $ro --count 4"; do
    # shellcheck disable=SC2086
    ganpoet $cmd > /dev/null 2> "$work/ro.err"; code=$?
    faults=$((faults + 1))
    if [[ $code -eq 2 ]] && grep -q "Read-only file system" "$work/ro.err" && grep -q "$ro" "$work/ro.err" && one_line "$work/ro.err"; then
      named=$((named + 1)); note "read-only ($cmd): exit 2, named: $(cat "$work/ro.err")"
    else
      note "read-only ($cmd): exit $code, NOT NAMED: $(cat "$work/ro.err")"
    fi
  done
  umount "$ro"
  [[ "$(tree_sum "$base")" == "$before" ]] || { damaged=$((damaged + 1)); note "read-only: RUN CHANGED"; }
else
  note "read-only: SKIPPED (cannot bind-mount read-only: not root?)"
fi

# 4. a concurrent second run, then SIGINT of the first ------------------------------------------
run="$work/concurrent"
rm -rf "$run"
"${with_sigint[@]}" "${java_cmd[@]}" train --run "$run" --epochs 1000 "${TINY[@]}" > "$work/first.out" 2>&1 &
first=$!
wait_for_checkpoint "$run" "$first"
ganpoet train --run "$run" --epochs 1000 "${TINY[@]}" > /dev/null 2> "$work/second.err"; code=$?
faults=$((faults + 1))
if [[ $code -eq 2 ]] && grep -q "is in use by another ganpoet process (pid $first)" "$work/second.err" && one_line "$work/second.err"; then
  named=$((named + 1)); note "concurrent: exit 2, named: $(cat "$work/second.err")"
else
  note "concurrent: exit $code, NOT NAMED: $(cat "$work/second.err")"
fi
kill -INT "$first"; wait "$first"; code=$?
faults=$((faults + 1))
if [[ $code -eq 130 ]] && grep -q "Resume with: ganpoet train --run $run" "$work/first.out"; then
  named=$((named + 1)); note "SIGINT: exit 130: $(grep '^interrupted' "$work/first.out")"
else
  note "SIGINT: exit $code, no resume hint: $(tail -2 "$work/first.out")"
fi
if verify "$run" && awk -F, 'NR > 1 { if ($2 <= last) bad = 1; last = $2 } END { exit bad }' "$run/metrics.csv" \
    && ganpoet train --run "$run" --epochs $(( $(epoch_of "$run") + 1 )) > /dev/null 2>&1; then
  note "concurrent: checkpoint verified, metrics.csv in order, resumed"
else
  damaged=$((damaged + 1)); note "concurrent: RUN DAMAGED"
fi

# 5. a damaged checkpoint file of each kind ------------------------------------------------------
for kind in generator-0002.params discriminator-optimizer.ndlist position.yaml config.yaml manifest.sha256; do
  copy="$work/damaged-${kind%%.*}"
  rm -rf "$copy"; cp -a "$base" "$copy"; rm -f "$copy/.lock"
  file="$(latest "$copy")/$kind"
  printf 'X' | dd of="$file" bs=1 seek=20 conv=notrunc status=none   # one byte changed in place
  before="$(tree_sum "$copy")"
  for cmd in "train --run $copy --epochs 3" "sample $copy --count 4"; do
    # shellcheck disable=SC2086
    ganpoet $cmd > /dev/null 2> "$work/damage.err"; code=$?
    faults=$((faults + 1))
    if [[ $code -eq 2 ]] && grep -q "$(latest "$copy")" "$work/damage.err" && one_line "$work/damage.err"; then
      named=$((named + 1)); note "damaged $kind ($cmd): exit 2: $(cat "$work/damage.err")"
    else
      note "damaged $kind ($cmd): exit $code, NOT NAMED: $(cat "$work/damage.err")"
    fi
  done
  # the refused commands changed nothing (the lock file aside: the copy had none, and none is left)
  [[ "$(tree_sum "$copy")" == "$before" ]] || { damaged=$((damaged + 1)); note "damaged $kind: A REFUSED COMMAND CHANGED THE RUN"; }
done

note "summary: $faults faults injected, $named of $((faults - kills)) non-kill faults named by file/pid with the expected exit code, $damaged damaged run directories"
[[ $damaged -eq 0 && $named -eq $((faults - kills)) ]]
