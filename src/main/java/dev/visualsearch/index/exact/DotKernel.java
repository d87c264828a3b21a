package dev.visualsearch.index.exact;

/** Inner product of a query with one row of a contiguous matrix. */
interface DotKernel {

    float dot(float[] query, float[] matrix, int offset, int dimension);

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
