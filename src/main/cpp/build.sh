#!/usr/bin/env bash
# Builds the FAISS JNI shim into target/classes/native/linux-x86_64/libvpsfaiss.so.
# Called by exec-maven-plugin; exits 0 with a message (no .so) wherever FAISS
# headers, libfaiss.a or g++ are missing, so the project builds everywhere and
# FaissNative.isAvailable() reports false at runtime.
# Do not wrap the g++ call in flock here: callers already run Maven under
# `flock /tmp/build.lock`, and a nested flock on the same file would deadlock.
# Overrides: FAISS_INCLUDE (default /usr/include), FAISS_LIB (libfaiss.a path),
#            VPS_FAISS_SKIP=1 (always skip), CXX (default g++).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BASEDIR="${1:-$(cd "$HERE/../../.." && pwd)}"
SRC="$HERE/faiss_jni.cpp"
KERNELS="$HERE/distance_kernels.cpp"
OUT_DIR="$BASEDIR/target/classes/native/linux-x86_64"
OUT="$OUT_DIR/libvpsfaiss.so"
FAISS_INCLUDE="${FAISS_INCLUDE:-/usr/include}"
FAISS_LIB="${FAISS_LIB:-/usr/lib/x86_64-linux-gnu/libfaiss.a}"
CXX="${CXX:-g++}"

skip() { echo "[vpsfaiss] SKIP: $* -> FAISS backend unavailable in this build"; exit 0; }

[[ "${VPS_FAISS_SKIP:-0}" == 1 ]] && skip "VPS_FAISS_SKIP=1"
[[ "$(uname -s)-$(uname -m)" == "Linux-x86_64" ]] || skip "platform $(uname -s)-$(uname -m) is not linux-x86_64"
[[ -f "$FAISS_INCLUDE/faiss/Index.h" ]] || skip "$FAISS_INCLUDE/faiss/Index.h not found (apt-get install libfaiss-dev libopenblas-dev)"
[[ -f "$FAISS_LIB" ]] || skip "$FAISS_LIB not found (apt-get install libfaiss-dev)"
command -v "$CXX" >/dev/null || skip "$CXX not found"

# Fast no-op when the library is newer than its sources.
if [[ -f "$OUT" && "$OUT" -nt "$SRC" && "$OUT" -nt "$KERNELS" && "$OUT" -nt "${BASH_SOURCE[0]}" ]]; then
  echo "[vpsfaiss] up to date: $OUT"; exit 0
fi

# JNI headers: VPS_JAVA_HOME (Maven's java.home), JAVA_HOME, else from javac/java on PATH.
JH=""
for cand in "${VPS_JAVA_HOME:-}" "${JAVA_HOME:-}" \
            "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")")" \
            "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
  if [[ -n "$cand" && -f "$cand/include/jni.h" ]]; then JH="$cand"; break; fi
done
[[ -n "$JH" ]] || skip "jni.h not found (set JAVA_HOME to a JDK)"

mkdir -p "$OUT_DIR"
TMP="$(mktemp "$OUT_DIR/.libvpsfaiss.XXXXXX")"
trap 'rm -f "$TMP"' EXIT
echo "[vpsfaiss] compiling $SRC (JDK $JH, $FAISS_LIB)"
# --exclude-libs,ALL keeps FAISS' symbols private to this .so;
# --no-undefined makes missing link deps fail here instead of at System.load;
# --wrap sends libfaiss's calls to fvec_inner_product / fvec_L2sqr / fvec_norm_L2sqr to distance_kernels.cpp's
# __wrap_ versions (libfaiss's own stay reachable as __real_; ADR-013).
link() {
  "$CXX" -std=c++17 -O2 -fPIC -shared -fopenmp \
    -fvisibility=hidden -fvisibility-inlines-hidden \
    -I"$JH/include" -I"$JH/include/linux" -I"$FAISS_INCLUDE" \
    "$SRC" "$KERNELS" -o "$TMP" \
    "$FAISS_LIB" -lopenblas -lgomp \
    "$@" \
    -Wl,--exclude-libs,ALL -Wl,--no-undefined -Wl,--as-needed -s
}
if ! link -Wl,--wrap=_ZN5faiss18fvec_inner_productEPKfS1_m \
          -Wl,--wrap=_ZN5faiss10fvec_L2sqrEPKfS1_m \
          -Wl,--wrap=_ZN5faiss15fvec_norm_L2sqrEPKfm; then
  # A libfaiss whose three loops have other signatures: keep its own loops (distanceKernel() says "libfaiss").
  echo "[vpsfaiss] WARNING: could not wrap libfaiss's distance loops; linking with the library's own" >&2
  link -DVPS_NO_WRAP
fi
mv -f "$TMP" "$OUT"
trap - EXIT
echo "[vpsfaiss] built $OUT ($(du -h "$OUT" | cut -f1))"
