package dev.visualsearch.index.exact;

/** Plain Java with four accumulators, which lets the JIT pipeline the multiplies. */
final class ScalarDot implements DotKernel {

    @Override
    public float dot(float[] query, int queryOffset, float[] matrix, int offset, int dimension) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < dimension; i += 4) {
            s0 += query[queryOffset + i] * matrix[offset + i];
            s1 += query[queryOffset + i + 1] * matrix[offset + i + 1];
            s2 += query[queryOffset + i + 2] * matrix[offset + i + 2];
            s3 += query[queryOffset + i + 3] * matrix[offset + i + 3];
        }
        for (; i < dimension; i++) {
            s0 += query[queryOffset + i] * matrix[offset + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public float dot(float[] query, byte[] codes, int offset, int dimension) {
        float s0 = 0;
        float s1 = 0;
        int i = 0;
        for (; i + 1 < dimension; i += 2) {
            s0 += query[i] * codes[offset + i];
            s1 += query[i + 1] * codes[offset + i + 1];
        }
        for (; i < dimension; i++) {
            s0 += query[i] * codes[offset + i];
        }
        return s0 + s1;
    }

    @Override
    public String name() {
        return "scalar";
    }
}
