package io.jenkins.plugins.awsrole;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** A servlet response that records what was written to it: status, headers, content type and body. */
final class RecordedResponse {

    final HttpServletResponse response = mock(HttpServletResponse.class);
    final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    int status = HttpServletResponse.SC_OK;
    String contentType;
    int contentLength = -1;

    RecordedResponse() throws IOException {
        doAnswer(i -> status = i.getArgument(0)).when(response).setStatus(anyInt());
        doAnswer(i -> headers.put(i.getArgument(0), i.getArgument(1)))
                .when(response)
                .setHeader(anyString(), anyString());
        doAnswer(i -> contentType = i.getArgument(0)).when(response).setContentType(anyString());
        doAnswer(i -> contentLength = i.getArgument(0)).when(response).setContentLength(anyInt());
        when(response.getOutputStream()).thenReturn(new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {}

            @Override
            public void write(int b) {
                body.write(b);
            }
        });
    }

    String text() {
        return body.toString(StandardCharsets.UTF_8);
    }
}
