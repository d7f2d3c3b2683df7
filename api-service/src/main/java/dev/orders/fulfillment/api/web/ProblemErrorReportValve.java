package dev.orders.fulfillment.api.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Locale;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * Tomcat's error page, for what Tomcat refuses before the application sees it (a URI with {@code %00}, a malformed
 * escape): the same problem+json as every other error instead of an HTML page. Installed as the host's error report
 * valve by {@link ProblemErrorPages}.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = status >= 500 ? "internal error" : "the request was refused: " + title.toLowerCase(Locale.ROOT);
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                URI type = ProblemType.of(HttpStatusCode.valueOf(status)).uri();
                writer.write("{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
                        + ",\"detail\":\"" + detail + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was taken over: nothing left to tell it
        }
    }
}
