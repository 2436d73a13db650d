package io.slipway.core.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A body that is not JSON, or not JSON of the expected shape, is a 400 that says where: line,
 * column and, for shape errors, the path of the field.
 */
@Provider
public final class JsonExceptionMapper implements ExceptionMapper<JsonProcessingException> {
    @Override
    public Response toResponse(JsonProcessingException e) {
        Map<String, Object> details = new LinkedHashMap<>();
        JsonLocation at = e.getLocation();
        if (at != null) {
            details.put("line", at.getLineNr());
            details.put("column", at.getColumnNr());
            details.put("offset", at.getCharOffset());
        }
        if (e instanceof JsonParseException) {
            return ErrorResponses.of(400, "malformed_json",
                    "The body is not valid JSON: " + e.getOriginalMessage() + position(at), details);
        }
        String path = "";
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            path = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            details.put("field", path);
        }
        String message = e instanceof UnrecognizedPropertyException u
                ? "Unknown field '" + u.getPropertyName() + "'" + position(at)
                : "The JSON does not have the expected shape" + (path.isEmpty() ? "" : " at '" + path + "'")
                        + position(at) + ": " + e.getOriginalMessage();
        return ErrorResponses.of(400, e instanceof UnrecognizedPropertyException ? "unknown_field" : "invalid_json",
                message, details);
    }

    private static String position(JsonLocation at) {
        return at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
}
