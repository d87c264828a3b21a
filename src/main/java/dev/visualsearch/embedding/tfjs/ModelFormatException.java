package dev.visualsearch.embedding.tfjs;

/** Thrown when a model archive or its topology is malformed, incomplete or uses something this interpreter lacks. */
public class ModelFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
