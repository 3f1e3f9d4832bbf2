#!/usr/bin/env bash
# Builds the HTTP request parser fuzzer with libFuzzer and AddressSanitizer, then runs it.
# Usage: bash Tests/Fuzz/run.sh [seconds]   (default 60)
# Inputs libFuzzer finds are kept in .build/fuzz/corpus; crashes land in .build/fuzz/artifacts
# (replay one with: .build/fuzz/http-parser .build/fuzz/artifacts/crash-...).
set -euo pipefail

seconds="${1:-60}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

swiftc="${SWIFTC:-$(command -v swiftc || echo /opt/swift/usr/bin/swiftc)}"
out=.build/fuzz
mkdir -p "$out/corpus" "$out/artifacts"

# lld ships with the toolchain; the system gold linker works too but warns about ASan symbols.
mapfile -t sources < <(find Sources/HTTP -name '*.swift' | sort)
"$swiftc" -sanitize=fuzzer,address -parse-as-library -O -swift-version 6 -use-ld=lld \
    -module-name HTTPFuzz "${sources[@]}" Tests/Fuzz/HTTPParserFuzz.swift -o "$out/http-parser"

# Swift's crash backtracer trips AddressSanitizer and hides libFuzzer's report: off, so libFuzzer saves the input.
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"
"$out/http-parser" "$out/corpus" Tests/Fuzz/corpus \
    -dict=Tests/Fuzz/http.dict -max_len=2048 -max_total_time="$seconds" \
    -artifact_prefix="$out/artifacts/" -print_final_stats=1
