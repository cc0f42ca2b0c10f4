#!/usr/bin/env bash
# Processor CPU time per spec: generates 60 specs (GAN, conditional GAN, autoencoder, VAE, with dense
# blocks, pools, dilation, spectral norm), runs javac -proc:only with -Aganpoet.timing=true RUNS times on
# the built processor, and prints each run's "ms CPU in the processor" and the median per spec.
# Usage: processor/src/test/timing/timing.sh [RUNS] [GENERATED_DIR]   (after mvn -pl processor -am compile)
set -eu
here=$(cd "$(dirname "$0")/../../.." && pwd)   # processor/
repo=${MAVEN_REPO:-$HOME/.m2/repository}
[[ -n "${MAVEN_OPTS:-}" && "$MAVEN_OPTS" =~ maven.repo.local=([^ ]+) ]] && repo=${BASH_REMATCH[1]}
runs=${1:-7}
out=${2:-$(mktemp -d)}
work=$(mktemp -d)
mkdir -p "$work/src/bench"
for i in $(seq 1 15); do
  f=$((16 * (i % 4 + 1)))
  cat > "$work/src/bench/G${i}Discriminator.java" <<JAVA
package bench;
import io.ganpoet.spec.*;
import static io.ganpoet.spec.Activation.*;
@Discriminator(channels = 3, height = 64, width = 64, latent = $((50 + i)), generator = @Generator(activation = RELU))
@ConvBlock(filters = $f, kernel = 4, stride = 2, padding = 1, bias = false, activation = LEAKY_RELU)
@ConvBlock(filters = $((2 * f)), kernel = 4, stride = 2, padding = 1, bias = false, batchNorm = true, activation = LEAKY_RELU)
@ConvBlock(filters = $((4 * f)), kernel = 4, stride = 2, padding = 1, bias = false, batchNorm = true, activation = LEAKY_RELU, dropout = 0.1f)
@ConvBlock(filters = $((8 * f)), kernel = 4, stride = 2, padding = 1, bias = false, batchNorm = true, activation = LEAKY_RELU, spectralNorm = $([[ $((i % 2)) == 0 ]] && echo true || echo false))
@ConvBlock(filters = 1, kernel = 4, bias = false, activation = SIGMOID)
interface G${i}Discriminator {}
JAVA
  cat > "$work/src/bench/C${i}Discriminator.java" <<JAVA
package bench;
import io.ganpoet.spec.*;
import static io.ganpoet.spec.Activation.*;
@Discriminator(channels = 1, height = 28, width = 28, latent = $((60 + i)), classes = 10, labelEmbedding = $((8 + i)))
@ConvBlock(filters = $f, kernel = 3, padding = 1, maxPool = 2, activation = LEAKY_RELU)
@ConvBlock(filters = $((2 * f)), kernel = 3, stride = 2, padding = 1, dilation = $((i % 2 + 1)), batchNorm = true, bias = false, activation = ELU, leakySlope = 0.5f)
@DenseBlock(units = $((8 * f)), activation = LEAKY_RELU, dropout = 0.25f)
@DenseBlock(units = 1, activation = NONE)
interface C${i}Discriminator {}
JAVA
  cat > "$work/src/bench/A${i}Encoder.java" <<JAVA
package bench;
import io.ganpoet.spec.*;
import static io.ganpoet.spec.Activation.*;
@Encoder(channels = 1, height = 32, width = 32, decoder = @Decoder(output = SIGMOID))
@ConvBlock(filters = $f, kernel = 4, stride = 2, padding = 1, activation = RELU)
@ConvBlock(filters = $((2 * f)), kernel = 4, stride = 2, padding = 1, batchNorm = true, bias = false, activation = RELU)
@ConvBlock(filters = $i, kernel = 3, padding = 1, activation = NONE)
interface A${i}Encoder {}
JAVA
  cat > "$work/src/bench/V${i}Encoder.java" <<JAVA
package bench;
import io.ganpoet.spec.*;
import static io.ganpoet.spec.Activation.*;
@Encoder(channels = 3, height = 32, width = 32, variational = true, latent = $((8 + i)), decoder = @Decoder(name = "V${i}Painter", activation = LEAKY_RELU, output = TANH))
@ConvBlock(name = "down", filters = $f, kernel = 4, stride = 2, padding = 1, activation = LEAKY_RELU)
@ConvBlock(filters = $((2 * f)), kernel = 4, stride = 2, padding = 1, activation = GELU, maxPool = 2)
@DenseBlock(units = $((4 * f)), activation = SOFTPLUS, batchNorm = true, bias = false)
interface V${i}Encoder {}
JAVA
done
cp="${PROCESSOR_CLASSES:-$here/target/classes}:$here/../annotations/target/classes:$repo/com/squareup/javapoet/1.13.0/javapoet-1.13.0.jar"
times=()
for r in $(seq 1 "$runs"); do
  rm -rf "$out" && mkdir -p "$out"
  line=$(javac -proc:only -Aganpoet.timing=true -classpath "$cp" -processorpath "$cp" -s "$out" \
    "$work"/src/bench/*.java 2>&1 | grep -o 'ganpoet: [0-9]* spec(s), [0-9]* ms CPU')
  echo "run $r: $line"
  times+=("$(echo "$line" | sed -E 's/.* ([0-9]+) ms CPU/\1/')")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
echo "median: $median ms CPU for 60 specs, $(echo "scale=2; $median / 60" | bc) ms per spec; sources in $out"
rm -rf "$work"
