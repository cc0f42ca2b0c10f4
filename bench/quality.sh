#!/usr/bin/env bash
# The quality benchmark (issue 23): run it before and after a change that may move the numbers.
#
#   bench/quality.sh [WORK_DIR]
#
# Trains, at their default budgets (the shipped configs) on the shipped 6,000-image Fashion-MNIST slice with
# fixed seeds, one after another:
#   the default GAN (`ganpoet train`, seeds 42 and 7), the conditional GAN (`--model fashion-conditional`, seeds
#   42 and 7), the denoiser (`ganpoet denoise`, seed 42) and the VAE (`ganpoet vae`, seed 42),
# then prints one table: FD with the averaged generator weights (EMA) and with the raw ones, class agreement with
# its worst class, test ELBO and prior-sample FD, the denoiser's MSE against the noisy input's, wall time and
# training images/s. The table (with the commit, the machine and its load) goes to WORK_DIR/quality.md and to
# docs/quality.md, where docs/NOTES.md quotes it; the pictures the README shows are copied to docs/images/.
#
# Environment: QUALITY_SET="--set cpu_threads=1" passes extra settings to every run (default: none, i.e. the
# shipped configs as they are); QUALITY_NO_DOCS=1 leaves docs/ untouched (a scratch run).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$(mktemp -d /tmp/ganpoet-quality.XXXXXX)}"
mkdir -p "$work"
read -r -a extra <<< "${QUALITY_SET:-}"

# Build once, then run from a copy of the class path: edits to the checkout during the benchmark change nothing.
"$root/ganpoet" --version > /dev/null
mkdir -p "$work/lib"
cp -r "$root/samples/target/classes" "$work/lib/samples-classes"
cp_entries=("$work/lib/samples-classes")
IFS=":" read -r -a launcher_cp < "$root/samples/target/launcher.classpath" || true  # no newline at its end
for entry in "${launcher_cp[@]}"; do
  if [[ "$entry" == "$root"/* ]]; then
    cp "$entry" "$work/lib/"
    cp_entries+=("$work/lib/$(basename "$entry")")
  else
    cp_entries+=("$entry")
  fi
done
classpath="$(IFS=':'; echo "${cp_entries[*]}")"
export TORCH_CPP_LOG_LEVEL=ERROR
ganpoet() { java -Dai.djl.offline=true -Djava.awt.headless=true -cp "$classpath" io.ganpoet.samples.GanpoetApp "$@"; }

commit="$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- . ':!docs' 2>/dev/null || echo '+changes')"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
rows=()

# run NAME COMMAND ARGS...: trains into $work/NAME, log in $work/NAME.log; sets $seconds.
run() {
  local name="$1"; shift
  rm -rf "${work:?}/$name"
  echo "quality: $name ..." >&2
  local start end
  start=$(date +%s.%N)
  ganpoet "$@" --run "$work/$name" ${extra[@]+"${extra[@]}"} > "$work/$name.log" 2>&1 \
    || { echo "quality: $name failed; see $work/$name.log" >&2; tail -n 5 "$work/$name.log" >&2; exit 1; }
  end=$(date +%s.%N)
  seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", b - a }')
}

# number PATTERN FILE: the first number after PATTERN on the first matching line (or "-").
number() { grep -m1 -oP "$1\\s*\\K-?[0-9]+(\\.[0-9]+)?" "$2" 2>/dev/null || echo "-"; }

gan_row() {
  local name="$1" model="$2" seed="$3"
  run "$name" train --model "$model" --set seed="$seed"
  local log="$work/$name.log" dir="$work/$name"
  local fd_ema fd_raw speed agreement worst
  fd_ema=$(grep 'averaged weights' "$dir/fd.txt" | grep -oP 'Frechet distance \K[0-9.]+' || true)
  fd_raw=$(grep 'raw weights' "$dir/fd.txt" | grep -oP 'Frechet distance \K[0-9.]+' || true)
  if [[ -z "$fd_ema" ]]; then # a run without an average (ema.decay: 0)
    fd_raw=$(grep -oP 'Frechet distance \K[0-9.]+' "$dir/fd.txt"); fd_ema="-"
  fi
  speed=$(number 'speed:' "$log")
  agreement="-"; worst="-"
  if [[ -f "$dir/agreement.txt" ]]; then
    agreement="$(number 'Class agreement \(FashionClassifier on [0-9]+ images per class\):' "$dir/agreement.txt") %"
    worst=$(sed -n '2,11p' "$dir/agreement.txt" | awk '{ v = $(NF-1); n = $0; sub(/[ ]+[0-9.]+ %$/, "", n);
      sub(/^[ ]+/, "", n); if (min == "" || v + 0 < min + 0) { min = v; name = n } } END { printf "%s %.1f %%", name, min }')
    local raw_agreement
    raw_agreement=$(grep -oP 'raw weights: class agreement \K[0-9.]+' "$dir/agreement.txt" || true)
    [[ -n "$raw_agreement" ]] && agreement="$agreement (raw $raw_agreement %)"
  fi
  rows+=("| \`train --model $model\` | $seed | $fd_ema | $fd_raw | $agreement | $worst | | | $seconds | $speed |")
}

gan_row fashion-s42 fashion 42
gan_row fashion-s7 fashion 7
gan_row conditional-s42 fashion-conditional 42
gan_row conditional-s7 fashion-conditional 7

run denoise denoise --set seed=42
steps=$(( $(wc -l < "$work/denoise/metrics.csv") - 1 ))
train_s=$(number 'trained in' "$work/denoise.log")
mse=$(number 'MSE of the reconstruction to the clean image:' "$work/denoise.log")
noisy=$(number 'MSE of the noisy input to the clean image:' "$work/denoise.log")
speed=$(awk -v n="$steps" -v t="$train_s" 'BEGIN { printf "%.0f", n * 64 / t }')
rows+=("| \`denoise\` | 42 | | | | | | MSE $mse vs noisy $noisy | $seconds | $speed |")

run vae vae --set seed=42
steps=$(( $(wc -l < "$work/vae/metrics.csv") - 1 ))
train_s=$(number 'trained in' "$work/vae.log")
elbo=$(number 'test ELBO' "$work/vae.log")
prior_fd=$(number 'Frechet distance of prior samples \(FashionClassifier features\):' "$work/vae.log")
speed=$(awk -v n="$steps" -v t="$train_s" 'BEGIN { printf "%.0f", n * 64 / t }')
rows+=("| \`vae\` | 42 | $prior_fd (prior samples) | | | | $elbo | | $seconds | $speed |")

load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
{
  echo "# Quality benchmark"
  echo
  echo "\`bench/quality.sh\` at commit \`$commit\`, $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores"\
       "($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')); load average before $load_before, after"\
       "$load_after${QUALITY_SET:+; extra settings: $QUALITY_SET}."
  echo "Shipped 6,000-image Fashion-MNIST slice, default budgets. FD: 1,000 generated vs the 1,000 shipped test images in"
  echo "FashionClassifier's features (real vs real: 1.48). Wall time: the whole command, evaluation included;"
  echo "images/s: training only."
  echo
  echo "| run | seed | FD (EMA) | FD (raw) | class agreement | worst class | test ELBO | denoiser | wall s | images/s |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} > "$work/quality.md"
cat "$work/quality.md"

if [[ -z "${QUALITY_NO_DOCS:-}" ]]; then
  cp "$work/quality.md" "$root/docs/quality.md"
  last() { ls "$1"/samples/epoch-*.png | sort | tail -n 1; }
  cp "$(last "$work/fashion-s42")" "$root/docs/images/fashion-samples.png"
  cp "$work/fashion-s42/plots/losses.png" "$root/docs/images/fashion-losses.png"
  cp "$(last "$work/conditional-s42")" "$root/docs/images/fashion-conditional-samples.png"
  cp "$work/vae/prior-samples.png" "$root/docs/images/vae-prior-samples.png"
  cp "$work/denoise/reconstructions.png" "$root/docs/images/denoise-reconstructions.png"
  echo "quality: wrote docs/quality.md and the README's pictures (docs/images/) from $work" >&2
fi
