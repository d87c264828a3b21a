// JNI shim over FAISS (Debian libfaiss-dev 1.7.3, static libfaiss.a) for
// dev.visualsearch.index.faiss.FaissNative.
//
// Handles are raw faiss::Index* pointers passed to Java as jlong.
// Rules kept throughout:
//   * no C++ exception ever crosses the JNI boundary (see guarded());
//   * Java arrays are copied in/out with Get/Set<Type>ArrayRegion after their
//     lengths were checked, so no JNI critical section is held during search;
//   * ids are plain int64_t (== faiss::Index::idx_t in 1.7.3, faiss::idx_t
//     in later versions), so the file compiles against either.

#include <jni.h>
#include <omp.h>

#include <faiss/IndexFlat.h>
#include <faiss/IndexHNSW.h>
#include <faiss/IndexIDMap.h>
#include <faiss/IndexIVF.h>
#include <faiss/IndexNSG.h>
#include <faiss/IndexPreTransform.h>
#include <faiss/impl/FaissException.h>
#include <faiss/impl/IDSelector.h>
#include <faiss/index_factory.h>
#include <faiss/index_io.h>
#include <faiss/utils/distances.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <limits>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

extern "C" void openblas_set_num_threads(int); // from libopenblas.so.0

static_assert(sizeof(jlong) == sizeof(int64_t), "jlong must be 64-bit");

namespace {

// ---------------------------------------------------------------- errors

struct ArgError : std::runtime_error {            // -> IllegalArgumentException
    using std::runtime_error::runtime_error;
};
struct Unsupported : std::runtime_error {         // -> UnsupportedOperationException
    using std::runtime_error::runtime_error;
};
struct JavaPending {};                            // a Java exception is already pending

void throwJava(JNIEnv* env, const char* cls, const char* msg) {
    if (env->ExceptionCheck()) return;            // keep the first exception
    jclass c = env->FindClass(cls);
    if (c != nullptr) env->ThrowNew(c, msg);
}

// Thread count requested through setThreads(). omp_set_num_threads() only
// changes the calling thread's OpenMP ICV, and Java calls arrive on many
// threads, so the value is re-applied at the start of every native call.
std::atomic<int> g_threads{1};

// Runs body; translates every C++ exception into a Java exception and returns
// onError in that case.
template <typename R, typename F>
R guarded(JNIEnv* env, R onError, F&& body) {
    try {
        int t = g_threads.load(std::memory_order_relaxed);
        if (t > 0) omp_set_num_threads(t);
        return body();
    } catch (const JavaPending&) {
    } catch (const ArgError& e) {
        throwJava(env, "java/lang/IllegalArgumentException", e.what());
    } catch (const Unsupported& e) {
        throwJava(env, "java/lang/UnsupportedOperationException", e.what());
    } catch (const faiss::FaissException& e) {
        throwJava(env, "java/lang/IllegalStateException", (std::string("FAISS: ") + e.what()).c_str());
    } catch (const std::bad_alloc&) {
        throwJava(env, "java/lang/OutOfMemoryError", "FAISS: native allocation failed");
    } catch (const std::exception& e) {
        throwJava(env, "java/lang/IllegalStateException", (std::string("FAISS: ") + e.what()).c_str());
    } catch (...) {
        throwJava(env, "java/lang/IllegalStateException", "FAISS: unknown native error");
    }
    return onError;
}

// ---------------------------------------------------------------- arrays

void requireLen(JNIEnv* env, jarray a, int64_t expected, const char* name) {
    if (a == nullptr) throw ArgError(std::string(name) + " is null");
    int64_t len = env->GetArrayLength(a);
    if (len != expected)
        throw ArgError(std::string(name) + " has length " + std::to_string(len) +
                       ", expected " + std::to_string(expected));
}

std::vector<float> getFloats(JNIEnv* env, jfloatArray a, int64_t expected, const char* name) {
    requireLen(env, a, expected, name);
    std::vector<float> v(expected);
    env->GetFloatArrayRegion(a, 0, (jsize)expected, v.data());
    if (env->ExceptionCheck()) throw JavaPending();
    return v;
}

std::vector<int64_t> getLongs(JNIEnv* env, jlongArray a, int64_t expected, const char* name) {
    requireLen(env, a, expected, name);
    std::vector<int64_t> v(expected);
    env->GetLongArrayRegion(a, 0, (jsize)expected, reinterpret_cast<jlong*>(v.data()));
    if (env->ExceptionCheck()) throw JavaPending();
    return v;
}

std::string getString(JNIEnv* env, jstring s, const char* name) {
    if (s == nullptr) throw ArgError(std::string(name) + " is null");
    const char* c = env->GetStringUTFChars(s, nullptr);
    if (c == nullptr) throw JavaPending();
    std::string r(c);
    env->ReleaseStringUTFChars(s, c);
    return r;
}

// ---------------------------------------------------------------- index helpers

faiss::Index* idx(jlong h) {
    if (h == 0) throw ArgError("index handle is 0 (freed or never created)");
    return reinterpret_cast<faiss::Index*>(h);
}

// Strips IDMap / PreTransform wrappers to reach the index holding the
// tunables (nprobe, efSearch).
faiss::Index* core(faiss::Index* ix) {
    for (;;) {
        if (auto m = dynamic_cast<faiss::IndexIDMap*>(ix)) { ix = m->index; continue; }
        if (auto p = dynamic_cast<faiss::IndexPreTransform*>(ix)) { ix = p->index; continue; }
        return ix;
    }
}

// IVF indexes store caller-supplied 64-bit ids themselves, and IVF's
// remove_ids does NOT renumber the remaining entries, which breaks
// IndexIDMap's positional id_map after a removal. So IVF (optionally behind a
// PreTransform) is used unwrapped; everything else gets an IndexIDMap2.
bool hasNativeIds(faiss::Index* ix) {
    while (auto p = dynamic_cast<faiss::IndexPreTransform*>(ix)) ix = p->index;
    return dynamic_cast<faiss::IndexIVF*>(ix) != nullptr;
}

void checkCount(jint n, const char* what) {
    if (n < 0) throw ArgError(std::string(what) + " must be >= 0");
}

// Search parameters of the type the (unwrapped) index insists on in 1.7.3:
// IndexIVF rejects plain SearchParameters, IndexHNSW wants SearchParametersHNSW.
// The index's current nprobe / efSearch are copied (param defaults would
// silently override them with nprobe=1 / efSearch=16).
std::unique_ptr<faiss::SearchParameters> paramsFor(faiss::Index* ix, faiss::IDSelector* sel) {
    faiss::Index* c = core(ix);
    std::unique_ptr<faiss::SearchParameters> p;
    if (auto ivf = dynamic_cast<faiss::IndexIVF*>(c)) {
        auto q = new faiss::SearchParametersIVF();
        q->nprobe = ivf->nprobe;
        q->max_codes = ivf->max_codes;
        p.reset(q);
    } else if (auto hnsw = dynamic_cast<faiss::IndexHNSW*>(c)) {
        auto q = new faiss::SearchParametersHNSW();
        q->efSearch = hnsw->hnsw.efSearch;
        q->check_relative_distance = hnsw->hnsw.check_relative_distance;
        p.reset(q);
    } else {
        p.reset(new faiss::SearchParameters());
    }
    p->sel = sel;
    return p;
}

// Filtered searches whose allowed set is at most this big are answered
// exactly by scanning the reconstructed allowed vectors (cheaper than a full
// scan, and HNSW's graph walk misses results under selective filters).
constexpr size_t kExactFilterMax = 4096;

void checkOut(JNIEnv* env, jfloatArray d, jlongArray l, int64_t expected) {
    requireLen(env, d, expected, "outDistances");
    requireLen(env, l, expected, "outLabels");
}

void putResults(JNIEnv* env, jfloatArray d, jlongArray l, const std::vector<float>& D,
                const std::vector<int64_t>& L) {
    env->SetFloatArrayRegion(d, 0, (jsize)D.size(), D.data());
    env->SetLongArrayRegion(l, 0, (jsize)L.size(), reinterpret_cast<const jlong*>(L.data()));
    if (env->ExceptionCheck()) throw JavaPending();
}

void checkSearchArgs(jint nq, jint k) {
    if (nq < 0) throw ArgError("nq must be >= 0");
    if (k <= 0) throw ArgError("k must be > 0");
}

} // namespace

// distance_kernels.cpp: which of its paths (avx2-fma, sse2, libfaiss) this process runs.
const char* vpsDistanceKernel();
const char* vpsUseDistanceKernel(const char* name);

// ---------------------------------------------------------------- JNI

extern "C" {

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM*, void*) {
    // OpenBLAS must not start its own thread pool work on top of OpenMP
    // (2-core box; see PLATFORM.md). FAISS uses BLAS only for nq >=
    // distance_compute_blas_threshold (default 20); at 1, single flat queries
    // go through sgemm too, which is several times faster in Debian's generic
    // (SSE2) FAISS build because OpenBLAS dispatches AVX2 kernels at runtime.
    openblas_set_num_threads(1);
    faiss::distance_compute_blas_threshold = 1;
    return JNI_VERSION_1_8;
}

#define FN(name) Java_dev_visualsearch_index_faiss_FaissNative_##name

JNIEXPORT jlong JNICALL FN(create)(JNIEnv* env, jclass, jstring jdesc, jint dim, jint metric) {
    return guarded<jlong>(env, 0, [&]() -> jlong {
        std::string desc = getString(env, jdesc, "factoryDescription");
        if (dim <= 0) throw ArgError("dim must be > 0");
        faiss::MetricType mt;
        if (metric == 0) mt = faiss::METRIC_INNER_PRODUCT;
        else if (metric == 1) mt = faiss::METRIC_L2;
        else throw ArgError("metric must be 0 (inner product) or 1 (L2)");
        std::unique_ptr<faiss::Index> ix(faiss::index_factory(dim, desc.c_str(), mt));
        if (dynamic_cast<faiss::IndexIDMap*>(ix.get()) == nullptr && !hasNativeIds(ix.get())) {
            auto* m = new faiss::IndexIDMap2(ix.get());
            m->own_fields = true;
            ix.release();
            ix.reset(m);
        }
        return reinterpret_cast<jlong>(ix.release());
    });
}

JNIEXPORT void JNICALL FN(train)(JNIEnv* env, jclass, jlong h, jfloatArray x, jint n) {
    guarded<int>(env, 0, [&] {
        faiss::Index* ix = idx(h);
        checkCount(n, "n");
        auto v = getFloats(env, x, (int64_t)n * ix->d, "vectors");
        ix->train(n, v.data());
        return 0;
    });
}

JNIEXPORT jboolean JNICALL FN(isTrained)(JNIEnv* env, jclass, jlong h) {
    return guarded<jboolean>(env, JNI_FALSE, [&] { return (jboolean)(idx(h)->is_trained ? JNI_TRUE : JNI_FALSE); });
}

JNIEXPORT void JNICALL FN(addWithIds)(JNIEnv* env, jclass, jlong h, jfloatArray x, jlongArray ids, jint n) {
    guarded<int>(env, 0, [&] {
        faiss::Index* ix = idx(h);
        checkCount(n, "n");
        auto v = getFloats(env, x, (int64_t)n * ix->d, "vectors");
        auto id = getLongs(env, ids, n, "ids");
        ix->add_with_ids(n, v.data(), id.data());
        return 0;
    });
}

JNIEXPORT jint JNICALL FN(removeIds)(JNIEnv* env, jclass, jlong h, jlongArray ids) {
    return guarded<jint>(env, 0, [&]() -> jint {
        faiss::Index* ix = idx(h);
        if (ids == nullptr) throw ArgError("ids is null");
        auto id = getLongs(env, ids, env->GetArrayLength(ids), "ids");
        faiss::Index* c = core(ix);
        if (dynamic_cast<faiss::IndexHNSW*>(c) || dynamic_cast<faiss::IndexNSG*>(c))
            throw Unsupported("remove_ids is not supported by graph (HNSW/NSG) indexes in FAISS; "
                              "rebuild the index without the removed ids");
        // IndexIDMap::remove_ids assumes the inner index renumbers remaining
        // entries 0..n-1 after removal; IVF does not, so in 1.7.3 the id_map
        // silently goes out of sync (wrong ids returned). Refuse it.
        if (auto* m = dynamic_cast<faiss::IndexIDMap*>(ix); m != nullptr && hasNativeIds(m->index))
            throw Unsupported("remove_ids on IDMap-wrapped IVF corrupts ids in FAISS 1.7.3; "
                              "create IVF indexes without IDMap (they store ids natively)");
        faiss::IDSelectorBatch sel(id.size(), id.data());
        return (jint)ix->remove_ids(sel);
    });
}

JNIEXPORT void JNICALL FN(search)(JNIEnv* env, jclass, jlong h, jfloatArray q, jint nq, jint k,
                                  jfloatArray outD, jlongArray outL) {
    guarded<int>(env, 0, [&] {
        faiss::Index* ix = idx(h);
        checkSearchArgs(nq, k);
        auto qv = getFloats(env, q, (int64_t)nq * ix->d, "queries");
        checkOut(env, outD, outL, (int64_t)nq * k);
        std::vector<float> D((size_t)nq * k);
        std::vector<int64_t> L((size_t)nq * k);
        ix->search(nq, qv.data(), k, D.data(), L.data());
        putResults(env, outD, outL, D, L);
        return 0;
    });
}

// Search restricted to allowedIdsSorted (external ids, ascending).
// IndexIDMap in 1.7.3 rejects SearchParameters, so the external ids are
// translated to the wrapped index's positions and the inner index is searched.
JNIEXPORT void JNICALL FN(searchFiltered)(JNIEnv* env, jclass, jlong h, jfloatArray q, jint nq, jint k,
                                          jlongArray allowed, jfloatArray outD, jlongArray outL) {
    guarded<int>(env, 0, [&] {
        faiss::Index* ix = idx(h);
        checkSearchArgs(nq, k);
        auto qv = getFloats(env, q, (int64_t)nq * ix->d, "queries");
        if (allowed == nullptr) throw ArgError("allowedIdsSorted is null");
        auto ok = getLongs(env, allowed, env->GetArrayLength(allowed), "allowedIdsSorted");
        if (!std::is_sorted(ok.begin(), ok.end())) throw ArgError("allowedIdsSorted is not sorted ascending");
        checkOut(env, outD, outL, (int64_t)nq * k);

        // internal: ids as the searched index knows them; toExternal maps back.
        faiss::Index* inner = ix;
        std::vector<int64_t> internal;
        auto* idmap = dynamic_cast<faiss::IndexIDMap*>(ix);
        if (idmap != nullptr) {
            inner = idmap->index;
            auto* idmap2 = dynamic_cast<faiss::IndexIDMap2*>(ix);
            if (idmap2 != nullptr && ok.size() < (size_t)ix->ntotal / 8) {
                for (int64_t id : ok) {
                    auto it = idmap2->rev_map.find(id);
                    if (it != idmap2->rev_map.end()) internal.push_back(it->second);
                }
            } else {
                for (size_t i = 0; i < idmap->id_map.size(); i++)
                    if (std::binary_search(ok.begin(), ok.end(), idmap->id_map[i])) internal.push_back(i);
            }
        } else {
            internal = ok;
        }
        auto toExternal = [&](int64_t l) -> int64_t {
            return (idmap != nullptr && l >= 0) ? idmap->id_map[l] : l;
        };

        std::vector<float> D((size_t)nq * k);
        std::vector<int64_t> L((size_t)nq * k, -1);
        bool done = false;
        if (internal.empty()) {
            std::fill(D.begin(), D.end(), ix->metric_type == faiss::METRIC_INNER_PRODUCT
                                                  ? -std::numeric_limits<float>::max()
                                                  : std::numeric_limits<float>::max());
            done = true;
        } else if (internal.size() <= kExactFilterMax) {
            // Exact scan over the allowed vectors, if the index can reconstruct
            // them (Flat/HNSW-Flat/SQ/PQ can; IVF without a direct map cannot).
            faiss::IndexFlat tmp(ix->d, ix->metric_type);
            std::vector<float> rec((size_t)internal.size() * ix->d);
            bool canReconstruct = true;
            try {
                for (size_t i = 0; i < internal.size(); i++)
                    inner->reconstruct(internal[i], rec.data() + i * ix->d);
            } catch (const faiss::FaissException&) {
                canReconstruct = false;
            }
            if (canReconstruct) {
                tmp.add(internal.size(), rec.data());
                std::vector<int64_t> pos((size_t)nq * k);
                tmp.search(nq, qv.data(), k, D.data(), pos.data());
                for (size_t i = 0; i < pos.size(); i++)
                    L[i] = pos[i] < 0 ? -1 : toExternal(internal[pos[i]]);
                done = true;
            }
        }
        if (!done) {
            faiss::IDSelectorBatch sel(internal.size(), internal.data());
            auto params = paramsFor(inner, &sel);
            inner->search(nq, qv.data(), k, D.data(), L.data(), params.get());
            for (auto& l : L) l = toExternal(l);
        }
        putResults(env, outD, outL, D, L);
        return 0;
    });
}

JNIEXPORT jlong JNICALL FN(ntotal)(JNIEnv* env, jclass, jlong h) {
    return guarded<jlong>(env, 0, [&] { return (jlong)idx(h)->ntotal; });
}

JNIEXPORT jint JNICALL FN(dim)(JNIEnv* env, jclass, jlong h) {
    return guarded<jint>(env, 0, [&] { return (jint)idx(h)->d; });
}

JNIEXPORT void JNICALL FN(setHnswEfSearch)(JNIEnv* env, jclass, jlong h, jint ef) {
    guarded<int>(env, 0, [&] {
        if (ef <= 0) throw ArgError("efSearch must be > 0");
        auto* hnsw = dynamic_cast<faiss::IndexHNSW*>(core(idx(h)));
        if (hnsw == nullptr) throw ArgError("not an HNSW index");
        hnsw->hnsw.efSearch = ef;
        return 0;
    });
}

JNIEXPORT void JNICALL FN(setNprobe)(JNIEnv* env, jclass, jlong h, jint nprobe) {
    guarded<int>(env, 0, [&] {
        if (nprobe <= 0) throw ArgError("nprobe must be > 0");
        auto* ivf = dynamic_cast<faiss::IndexIVF*>(core(idx(h)));
        if (ivf == nullptr) throw ArgError("not an IVF index");
        ivf->nprobe = nprobe;
        return 0;
    });
}

JNIEXPORT void JNICALL FN(write)(JNIEnv* env, jclass, jlong h, jstring jpath) {
    guarded<int>(env, 0, [&] {
        faiss::Index* ix = idx(h);
        faiss::write_index(ix, getString(env, jpath, "path").c_str());
        return 0;
    });
}

JNIEXPORT jlong JNICALL FN(read)(JNIEnv* env, jclass, jstring jpath) {
    return guarded<jlong>(env, 0, [&] {
        return reinterpret_cast<jlong>(faiss::read_index(getString(env, jpath, "path").c_str()));
    });
}

JNIEXPORT void JNICALL FN(free)(JNIEnv* env, jclass, jlong h) {
    guarded<int>(env, 0, [&] {
        delete reinterpret_cast<faiss::Index*>(h); // delete nullptr is a no-op
        return 0;
    });
}

JNIEXPORT void JNICALL FN(setThreads)(JNIEnv* env, jclass, jint n) {
    guarded<int>(env, 0, [&] {
        if (n <= 0) throw ArgError("threads must be > 0");
        g_threads.store(n);
        omp_set_num_threads(n);
        return 0;
    });
}

JNIEXPORT jstring JNICALL FN(distanceKernel)(JNIEnv* env, jclass) {
    return env->NewStringUTF(vpsDistanceKernel());
}

JNIEXPORT jstring JNICALL FN(useDistanceKernel)(JNIEnv* env, jclass, jstring name) {
    return guarded<jstring>(env, nullptr, [&] {
        if (name == nullptr) throw ArgError("kernel name is null");
        const char* chars = env->GetStringUTFChars(name, nullptr);
        std::string wanted(chars);
        env->ReleaseStringUTFChars(name, chars);
        return env->NewStringUTF(vpsUseDistanceKernel(wanted.c_str()));
    });
}

JNIEXPORT void JNICALL FN(setBlasThreshold)(JNIEnv* env, jclass, jint t) {
    guarded<int>(env, 0, [&] {
        if (t < 0) throw ArgError("threshold must be >= 0");
        faiss::distance_compute_blas_threshold = t;
        return 0;
    });
}

} // extern "C"
