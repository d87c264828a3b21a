package dev.visualsearch.embedding.tfjs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts the exported data of a bundled JS module ({@code ...exports={...}} or {@code ...exports="..."}) without
 * executing it: the literal is cut out by bracket matching and read as relaxed JSON (unquoted keys, {@code .5},
 * minifier booleans {@code !0}/{@code !1}).
 */
final class JsModuleData {

    private static final Pattern EXPORT = Pattern.compile("exports\\s*=\\s*(?=[{\"'\\[])");
    private static final JsonMapper JS_LITERAL = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private JsModuleData() {
    }

    /** The exported value, as a JSON tree. */
    static JsonNode exported(String source, String what) {
        Matcher m = EXPORT.matcher(source);
        if (!m.find()) {
            throw new ModelFormatException(what + ": no exported data literal found");
        }
        String literal = source.substring(m.end(), literalEnd(source, m.end(), what));
        try {
            return JS_LITERAL.readTree(jsKeywordsToJson(literal));
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(what + ": exported literal is not data: " + e.getOriginalMessage(), e);
        }
    }

    private static int literalEnd(String s, int start, String what) {
        int depth = 0;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                i = stringEnd(s, i, what);
                if (depth == 0) {
                    return i + 1;
                }
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
        }
        throw new ModelFormatException(what + ": exported literal is not closed");
    }

    /** Index of the quote closing the string literal that opens at {@code start}. */
    private static int stringEnd(String s, int start, String what) {
        char quote = s.charAt(start);
        for (int i = start + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        throw new ModelFormatException(what + ": unterminated string literal");
    }

    /** Rewrites the minifier's {@code !0}, {@code !1} and {@code void 0} outside strings. */
    private static String jsKeywordsToJson(String literal) {
        StringBuilder out = new StringBuilder(literal.length() + 64);
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '"' || c == '\'') {
                int end = stringEnd(literal, i, "literal");
                out.append(literal, i, end + 1);
                i = end;
            } else if (literal.startsWith("!0", i)) {
                out.append("true");
                i++;
            } else if (literal.startsWith("!1", i)) {
                out.append("false");
                i++;
            } else if (literal.startsWith("void 0", i)) {
                out.append("null");
                i += 5;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
