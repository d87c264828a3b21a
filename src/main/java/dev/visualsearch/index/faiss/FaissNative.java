package dev.visualsearch.index.faiss;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * JNI binding to FAISS (see src/main/cpp/faiss_jni.cpp). Handles are opaque native pointers: every handle
 * must be released exactly once with {@link #free(long)} and must not be used afterwards.
 *
 * <p>Thread safety: search methods may run concurrently on one handle; train/add/remove/set*&#47;free need
 * exclusive access (guard with a ReadWriteLock on the Java side).
 *
 * <p>Errors: bad arguments (array lengths not matching n*dim, k &lt;= 0, unknown metric, null) throw
 * {@link IllegalArgumentException}; FAISS errors throw {@link IllegalStateException} carrying FAISS's
 * message; {@link #removeIds} on HNSW/NSG throws {@link UnsupportedOperationException}.
 *
 * <p>The library is loaded from the classpath resource {@value #RESOURCE}, or from the file named by the
 * system property {@code vps.faiss.library} if set. Use {@link #isAvailable()} before any other call.
 */
public final class FaissNative {

    public static final String RESOURCE = "/native/linux-x86_64/libvpsfaiss.so";
    public static final int METRIC_INNER_PRODUCT = 0;
    public static final int METRIC_L2 = 1;

    private static final String UNAVAILABLE_REASON = load();

    private FaissNative() {
    }

    /** True when the native library was loaded and the native methods can be called. */
    public static boolean isAvailable() {
        return UNAVAILABLE_REASON == null;
    }

    /** Why the library could not be loaded (one line), or null when it is available. */
    public static String unavailableReason() {
        return UNAVAILABLE_REASON;
    }

    private static String load() {
        try {
            String explicit = System.getProperty("vps.faiss.library");
            if (explicit != null && !explicit.isBlank()) {
                System.load(Path.of(explicit).toAbsolutePath().toString());
                return null;
            }
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
            if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
                return "FAISS native library is only built for linux-x86_64, this is " + os + "/" + arch;
            }
            try (InputStream in = FaissNative.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    return "classpath resource " + RESOURCE
                            + " missing (built without libfaiss-dev; see src/main/cpp/build.sh)";
                }
                Path tmp = Files.createTempFile("libvpsfaiss", ".so");
                tmp.toFile().deleteOnExit();
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                System.load(tmp.toAbsolutePath().toString());
            }
            return null;
        } catch (UnsatisfiedLinkError e) {
            // Typically a missing runtime dependency, e.g. "libopenblas.so.0: cannot open shared object file".
            return "loading libvpsfaiss.so failed: " + e.getMessage()
                    + " (runtime needs Debian packages libopenblas0 and libgomp1)";
        } catch (IOException | RuntimeException e) {
            return "loading libvpsfaiss.so failed: " + e;
        }
    }

    /**
     * Creates an index with {@code faiss::index_factory}, e.g. "Flat", "HNSW32", "IVF64,Flat". Indexes without
     * native id support (everything except IVF) are wrapped in IndexIDMap2 so arbitrary 64-bit ids work.
     *
     * @param metric {@link #METRIC_INNER_PRODUCT} or {@link #METRIC_L2}
     */
    public static native long create(String factoryDescription, int dim, int metric);

    /** Trains the index (required for IVF/PQ); vectors.length must be n*dim. */
    public static native void train(long h, float[] vectors, int n);

    public static native boolean isTrained(long h);

    /** vectors.length must be n*dim, ids.length n. */
    public static native void addWithIds(long h, float[] vectors, long[] ids, int n);

    /**
     * Removes the given ids and returns how many were removed. Works for Flat/SQ/PQ (through IndexIDMap2) and
     * IVF; throws UnsupportedOperationException for HNSW/NSG (rebuild instead).
     */
    public static native int removeIds(long h, long[] ids);

    /**
     * k-NN search. queries.length must be nq*dim, outDistances/outLabels length nq*k. Missing results have
     * label -1. Inner product: larger is closer; L2: squared distances.
     */
    public static native void search(long h, float[] queries, int nq, int k, float[] outDistances,
            long[] outLabels);

    /**
     * Search restricted to the given ids (ascending). Up to 4096 allowed ids that the index can reconstruct
     * (Flat, HNSW, SQ, PQ) are scanned exactly; otherwise FAISS's IDSelector is used with the index's current
     * nprobe/efSearch (approximate, and may return fewer than k results).
     */
    public static native void searchFiltered(long h, float[] queries, int nq, int k, long[] allowedIdsSorted,
            float[] outDistances, long[] outLabels);

    public static native long ntotal(long h);

    public static native int dim(long h);

    public static native void setHnswEfSearch(long h, int ef);

    public static native void setNprobe(long h, int nprobe);

    /** Writes with faiss::write_index (readable by Python faiss.read_index). */
    public static native void write(long h, String path);

    /** Reads with faiss::read_index; returns a new handle. */
    public static native long read(String path);

    /** Releases the index; 0 is ignored. */
    public static native void free(long h);

    /** OpenMP threads used by FAISS calls from any Java thread (default 1). */
    public static native void setThreads(int n);

    /**
     * The distance kernels the float comparisons run on (src/main/cpp/distance_kernels.cpp): {@code avx2-fma}, or
     * {@code sse2} on a CPU without AVX2 and FMA ({@code libfaiss} only after {@link #useDistanceKernel}).
     */
    public static native String distanceKernel();

    /**
     * Benchmarks and tests only: {@code "libfaiss"} runs the library's own loops, {@code "sse2"} the shim's SSE2 path,
     * {@code "avx2-fma"} its AVX2 one where the CPU has it (else SSE2); returns the path now taken. Call while no other
     * FAISS work runs.
     */
    public static native String useDistanceKernel(String kernel);

    /**
     * faiss::distance_compute_blas_threshold: brute-force searches with at least this many queries use BLAS.
     * The library sets 1 at load time (FAISS default is 20); exposed for benchmarking.
     */
    public static native void setBlasThreshold(int threshold);
}
