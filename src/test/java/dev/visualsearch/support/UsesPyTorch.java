package dev.visualsearch.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a plain test that loads PyTorch's native library itself. libtorch can be loaded by only one class loader per
 * JVM and the {@code @QuarkusTest}s load it in Quarkus's, so Maven runs these tests in a JVM of their own (the
 * {@code pytorch-tests} surefire execution).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("pytorch")
public @interface UsesPyTorch {
}
