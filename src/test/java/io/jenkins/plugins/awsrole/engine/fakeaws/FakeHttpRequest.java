package io.jenkins.plugins.awsrole.engine.fakeaws;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request to the local AWS server: raw path, query and body (SigV4 needs them exactly as sent) and the query
 * parameters AWS reads from both the query string and a form body, the way AWS's query protocol does.
 */
final class FakeHttpRequest {

    private final HttpExchange exchange;
    private final byte[] body;
    private final Map<String, String> params = new LinkedHashMap<>();

    FakeHttpRequest(HttpExchange exchange) throws IOException {
        this.exchange = exchange;
        this.body = exchange.getRequestBody().readAllBytes();
        addParams(exchange.getRequestURI().getRawQuery());
        String contentType = header("Content-Type");
        if (contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            addParams(new String(body, StandardCharsets.UTF_8));
        }
    }

    private void addParams(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
    }

    String method() {
        return exchange.getRequestMethod();
    }

    String rawPath() {
        String path = exchange.getRequestURI().getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    String rawQuery() {
        return exchange.getRequestURI().getRawQuery();
    }

    byte[] body() {
        return body.clone();
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    List<String> headers(String name) {
        List<String> values = exchange.getRequestHeaders().get(name);
        return values == null ? List.of() : values;
    }

    String param(String name) {
        return params.get(name);
    }

    /** The members of a query-protocol list, {@code <name>.member.<i>[.<field>]}, in order. */
    List<String> list(String name, String field) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 1; ; i++) {
            String value = params.get(name + ".member." + i + (field == null ? "" : "." + field));
            if (value == null) {
                return out;
            }
            out.add(value);
        }
    }
}
