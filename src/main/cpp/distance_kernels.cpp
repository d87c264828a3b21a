// The three distance kernels every FAISS flat, HNSW and IVF-Flat comparison of float vectors goes through, with an
// AVX2 + FMA path chosen once at load time. Debian's libfaiss is built for generic x86-64, where its own versions of
// these are plain scalar loops. build.sh links with --wrap for the three symbols, so every call to them from another
// part of libfaiss.a (IndexFlat's distance computers, HNSW's graph construction and search, IVF list scans) lands on
// the __wrap_ definitions below; libfaiss's own stay reachable as __real_, which the benchmark compares against.
// A CPU without AVX2 + FMA runs a four-lane SSE2 path (every x86-64 has SSE2).
//
// Why: an HNSW build spends almost all its time in fvec_inner_product (docs/performance.md, "HNSW build time";
// docs/decisions.md, ADR-013).

#ifdef VPS_NO_WRAP
// build.sh could not wrap this libfaiss's loops: report that the library's own run, and keep them.
const char* vpsDistanceKernel() { return "libfaiss"; }
const char* vpsUseDistanceKernel(const char*) { return "libfaiss"; }
#else

#include <immintrin.h>

#include <cstddef>
#include <string>

namespace {

// ------------------------------------------------------------ AVX2 + FMA: eight lanes, four accumulators

__attribute__((target("avx2,fma"))) inline float sum8(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_shuffle_ps(s, s, 0x55));
    return _mm_cvtss_f32(s);
}

__attribute__((target("avx2,fma"))) float innerProductAvx2(const float* x, const float* y, size_t d) {
    __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps(), a2 = _mm256_setzero_ps(), a3 = _mm256_setzero_ps();
    size_t i = 0;
    for (; i + 32 <= d; i += 32) {
        a0 = _mm256_fmadd_ps(_mm256_loadu_ps(x + i), _mm256_loadu_ps(y + i), a0);
        a1 = _mm256_fmadd_ps(_mm256_loadu_ps(x + i + 8), _mm256_loadu_ps(y + i + 8), a1);
        a2 = _mm256_fmadd_ps(_mm256_loadu_ps(x + i + 16), _mm256_loadu_ps(y + i + 16), a2);
        a3 = _mm256_fmadd_ps(_mm256_loadu_ps(x + i + 24), _mm256_loadu_ps(y + i + 24), a3);
    }
    for (; i + 8 <= d; i += 8) {
        a0 = _mm256_fmadd_ps(_mm256_loadu_ps(x + i), _mm256_loadu_ps(y + i), a0);
    }
    float s = sum8(_mm256_add_ps(_mm256_add_ps(a0, a1), _mm256_add_ps(a2, a3)));
    for (; i < d; ++i) {
        s += x[i] * y[i];
    }
    return s;
}

__attribute__((target("avx2,fma"))) float l2SquaredAvx2(const float* x, const float* y, size_t d) {
    __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps(), a2 = _mm256_setzero_ps(), a3 = _mm256_setzero_ps();
    size_t i = 0;
    for (; i + 32 <= d; i += 32) {
        __m256 d0 = _mm256_sub_ps(_mm256_loadu_ps(x + i), _mm256_loadu_ps(y + i));
        __m256 d1 = _mm256_sub_ps(_mm256_loadu_ps(x + i + 8), _mm256_loadu_ps(y + i + 8));
        __m256 d2 = _mm256_sub_ps(_mm256_loadu_ps(x + i + 16), _mm256_loadu_ps(y + i + 16));
        __m256 d3 = _mm256_sub_ps(_mm256_loadu_ps(x + i + 24), _mm256_loadu_ps(y + i + 24));
        a0 = _mm256_fmadd_ps(d0, d0, a0);
        a1 = _mm256_fmadd_ps(d1, d1, a1);
        a2 = _mm256_fmadd_ps(d2, d2, a2);
        a3 = _mm256_fmadd_ps(d3, d3, a3);
    }
    for (; i + 8 <= d; i += 8) {
        __m256 d0 = _mm256_sub_ps(_mm256_loadu_ps(x + i), _mm256_loadu_ps(y + i));
        a0 = _mm256_fmadd_ps(d0, d0, a0);
    }
    float s = sum8(_mm256_add_ps(_mm256_add_ps(a0, a1), _mm256_add_ps(a2, a3)));
    for (; i < d; ++i) {
        float t = x[i] - y[i];
        s += t * t;
    }
    return s;
}

// ------------------------------------------------------------ SSE2 (every x86-64): four lanes, two accumulators

inline float sum4(__m128 v) {
    v = _mm_add_ps(v, _mm_movehl_ps(v, v));
    v = _mm_add_ss(v, _mm_shuffle_ps(v, v, 0x55));
    return _mm_cvtss_f32(v);
}

float innerProductSse(const float* x, const float* y, size_t d) {
    __m128 a0 = _mm_setzero_ps(), a1 = _mm_setzero_ps();
    size_t i = 0;
    for (; i + 8 <= d; i += 8) {
        a0 = _mm_add_ps(a0, _mm_mul_ps(_mm_loadu_ps(x + i), _mm_loadu_ps(y + i)));
        a1 = _mm_add_ps(a1, _mm_mul_ps(_mm_loadu_ps(x + i + 4), _mm_loadu_ps(y + i + 4)));
    }
    float s = sum4(_mm_add_ps(a0, a1));
    for (; i < d; ++i) {
        s += x[i] * y[i];
    }
    return s;
}

float l2SquaredSse(const float* x, const float* y, size_t d) {
    __m128 a0 = _mm_setzero_ps(), a1 = _mm_setzero_ps();
    size_t i = 0;
    for (; i + 8 <= d; i += 8) {
        __m128 d0 = _mm_sub_ps(_mm_loadu_ps(x + i), _mm_loadu_ps(y + i));
        __m128 d1 = _mm_sub_ps(_mm_loadu_ps(x + i + 4), _mm_loadu_ps(y + i + 4));
        a0 = _mm_add_ps(a0, _mm_mul_ps(d0, d0));
        a1 = _mm_add_ps(a1, _mm_mul_ps(d1, d1));
    }
    float s = sum4(_mm_add_ps(a0, a1));
    for (; i < d; ++i) {
        float t = x[i] - y[i];
        s += t * t;
    }
    return s;
}

bool cpuHasAvx2Fma() {
    __builtin_cpu_init();  // static initialisers may run before the runtime's own CPU probe
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

enum class Kernel { LIBFAISS, SSE2, AVX2 };

const bool kCpuHasAvx2 = cpuHasAvx2Fma();
// Read on every call; only the benchmarks change it (vpsUseDistanceKernel), to compare the paths in one run.
Kernel kernel = kCpuHasAvx2 ? Kernel::AVX2 : Kernel::SSE2;

} // namespace

// libfaiss's own definitions (faiss::fvec_inner_product, faiss::fvec_L2sqr, faiss::fvec_norm_L2sqr), by their
// mangled names as --wrap sees them.
extern "C" float __real__ZN5faiss18fvec_inner_productEPKfS1_m(const float* x, const float* y, size_t d);
extern "C" float __real__ZN5faiss10fvec_L2sqrEPKfS1_m(const float* x, const float* y, size_t d);
extern "C" float __real__ZN5faiss15fvec_norm_L2sqrEPKfm(const float* x, size_t d);

extern "C" float __wrap__ZN5faiss18fvec_inner_productEPKfS1_m(const float* x, const float* y, size_t d) {
    switch (kernel) {
        case Kernel::AVX2: return innerProductAvx2(x, y, d);
        case Kernel::SSE2: return innerProductSse(x, y, d);
        default: return __real__ZN5faiss18fvec_inner_productEPKfS1_m(x, y, d);
    }
}

extern "C" float __wrap__ZN5faiss10fvec_L2sqrEPKfS1_m(const float* x, const float* y, size_t d) {
    switch (kernel) {
        case Kernel::AVX2: return l2SquaredAvx2(x, y, d);
        case Kernel::SSE2: return l2SquaredSse(x, y, d);
        default: return __real__ZN5faiss10fvec_L2sqrEPKfS1_m(x, y, d);
    }
}

extern "C" float __wrap__ZN5faiss15fvec_norm_L2sqrEPKfm(const float* x, size_t d) {
    switch (kernel) {
        case Kernel::AVX2: return innerProductAvx2(x, x, d);
        case Kernel::SSE2: return innerProductSse(x, x, d);
        default: return __real__ZN5faiss15fvec_norm_L2sqrEPKfm(x, d);
    }
}

// Which path this process takes, for the build log and the benchmarks.
const char* vpsDistanceKernel() {
    switch (kernel) {
        case Kernel::AVX2: return "avx2-fma";
        case Kernel::SSE2: return "sse2";
        default: return "libfaiss";
    }
}

// Benchmarks only: "libfaiss" (the library's own loops), "sse2", or "avx2-fma" where the CPU has it (else sse2).
// Returns the path taken. Not synchronised: call it while no index work runs.
const char* vpsUseDistanceKernel(const char* name) {
    std::string wanted(name);
    if (wanted == "libfaiss") {
        kernel = Kernel::LIBFAISS;
    } else if (wanted == "avx2-fma" && kCpuHasAvx2) {
        kernel = Kernel::AVX2;
    } else {
        kernel = Kernel::SSE2;
    }
    return vpsDistanceKernel();
}

#endif // VPS_NO_WRAP
