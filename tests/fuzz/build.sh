#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang (not part of `make test`):
#   tests/fuzz/build.sh && build-fuzz/fuzz_csv -max_total_time=60 build-fuzz/corpus
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${FUZZ_BUILD:-build-fuzz}
mkdir -p "$out/corpus"
cp -n samples/*.csv "$out/corpus/" 2>/dev/null || true
clang -std=c17 -g -O1 -fsanitize=fuzzer,address,undefined -D_DEFAULT_SOURCE -Isrc \
  tests/fuzz/fuzz_csv.c src/transfer/csv_reader.c src/transfer/text_decode.c \
  -lcsv -o "$out/fuzz_csv"
echo "built $out/fuzz_csv"
