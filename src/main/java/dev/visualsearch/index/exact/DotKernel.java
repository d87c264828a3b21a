package dev.visualsearch.index.exact;

/** Inner product of a query with one row of a contiguous matrix, or of two rows (the self-join). */
interface DotKernel {

    default float dot(float[] query, float[] matrix, int offset, int dimension) {
        return dot(query, 0, matrix, offset, dimension);
    }

    /** {@code a[aOffset..aOffset+dimension)} against {@code b[bOffset..bOffset+dimension)}. */
    float dot(float[] a, int aOffset, float[] b, int bOffset, int dimension);

    /**
     * {@code query} against the 8-bit codes {@code codes[offset..offset+dimension)} (the caller multiplies by the
     * row's scale): a quarter of the memory a float row reads.
     */
    float dot(float[] query, byte[] codes, int offset, int dimension);

    String name();

    /** The SIMD kernel when the JVM runs with {@code --add-modules jdk.incubator.vector}, else the scalar one. */
    static DotKernel best() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (DotKernel) Class.forName("dev.visualsearch.index.exact.VectorApiDot")
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return new ScalarDot();
            }
        }
        return new ScalarDot();
    }
}
