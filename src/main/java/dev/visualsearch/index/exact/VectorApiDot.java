package dev.visualsearch.index.exact;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/** SIMD inner product with the incubating Vector API (AVX2 / AVX-512 lanes, fused multiply-add). */
final class VectorApiDot implements DotKernel {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** As many bytes as SPECIES has float lanes, so one load of codes widens into one float vector. */
    private static final VectorSpecies<Byte> CODES = VectorSpecies.of(byte.class,
            VectorShape.forBitSize(SPECIES.length() * Byte.SIZE));

    @Override
    public float dot(float[] query, int queryOffset, float[] matrix, int offset, int dimension) {
        FloatVector sum = FloatVector.zero(SPECIES);
        int i = 0;
        int bound = SPECIES.loopBound(dimension);
        for (; i < bound; i += SPECIES.length()) {
            FloatVector q = FloatVector.fromArray(SPECIES, query, queryOffset + i);
            FloatVector m = FloatVector.fromArray(SPECIES, matrix, offset + i);
            sum = q.fma(m, sum);
        }
        float result = sum.reduceLanes(VectorOperators.ADD);
        for (; i < dimension; i++) {
            result += query[queryOffset + i] * matrix[offset + i];
        }
        return result;
    }

    @Override
    public float dot(float[] query, byte[] codes, int offset, int dimension) {
        FloatVector sum = FloatVector.zero(SPECIES);
        int i = 0;
        int bound = SPECIES.loopBound(dimension);
        for (; i < bound; i += SPECIES.length()) {
            FloatVector q = FloatVector.fromArray(SPECIES, query, i);
            FloatVector m = (FloatVector) ByteVector.fromArray(CODES, codes, offset + i)
                    .convertShape(VectorOperators.B2F, SPECIES, 0);
            sum = q.fma(m, sum);
        }
        float result = sum.reduceLanes(VectorOperators.ADD);
        for (; i < dimension; i++) {
            result += query[i] * codes[offset + i];
        }
        return result;
    }

    @Override
    public String name() {
        return "simd-" + SPECIES.length() + "x32";
    }
}
