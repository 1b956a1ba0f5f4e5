package io.bulwark.console.connection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import io.bulwark.console.connection.PinningTrustManager.NotPinnedException;
import io.bulwark.protocol.ApiJson;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.ApiVersion;
import io.bulwark.protocol.auth.LoginRequest;
import io.bulwark.protocol.auth.LoginResponse;
import io.bulwark.protocol.engine.EngineVersion;
import io.bulwark.protocol.errors.ApiError;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;

/**
 * The console's HTTPS client of one engine: one {@link HttpClient} that trusts only the pinned
 * certificate, and the bearer token of the logged-in user. Every call blocks, so call it from a
 * background task, never from the FX thread. Failures arrive as {@link EngineException}s whose
 * messages can be shown as they are.
 */
public final class EngineClient implements AutoCloseable {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern FILE_NAME = Pattern.compile("(?i)(?:^|;)\\s*filename\\s*=\\s*(?:\"([^\"]*)\"|([^;\\s]+))");

    private final EngineAddress address;
    private final HttpClient http;
    private volatile String token;
    private volatile Consumer<String> sessionEndedListener = message -> { };

    /** @param pinnedFingerprint the certificate to trust, or null to learn it (first contact) */
    public EngineClient(EngineAddress address, String pinnedFingerprint) {
        this.address = address;
        this.http = HttpClient.newBuilder()
                .sslContext(pinnedTo(pinnedFingerprint))
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    public EngineAddress address() {
        return address;
    }

    /** Called with the engine's message when it answers 401 to a logged-in call: the session is over. */
    public void onSessionEnded(Consumer<String> listener) {
        this.sessionEndedListener = listener;
    }

    /**
     * The engine's versions, asked before logging in; null for an engine from before version checks,
     * which knows no such path and, like every unknown path on it, asks for a login first.
     */
    public EngineVersion version() {
        try {
            return read(call(request(ApiPaths.VERSION).GET(), false), ApiJson.mapper().constructType(EngineVersion.class));
        } catch (EngineRefusedException e) {
            if (e.status() == 401 || e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** Logs in, telling the engine which console this is: the engine refuses one older than it serves (426). */
    public LoginResponse login(String username, String password, ConsoleVersion console) {
        LoginResponse response = read(call(request(ApiPaths.LOGIN)
                .POST(json(new LoginRequest(username, password)))
                .header("Content-Type", "application/json")
                .header(ApiVersion.API_HEADER, String.valueOf(console.api()))
                .header(ApiVersion.CONSOLE_HEADER, console.product()), false),
                ApiJson.mapper().constructType(LoginResponse.class));
        token = response.token();
        return response;
    }

    /** Ends the session on the engine; a failure is of no consequence, the token expires anyway. */
    public void logOutQuietly() {
        if (token == null) {
            return;
        }
        try {
            call(request(ApiPaths.LOGOUT).POST(HttpRequest.BodyPublishers.noBody()), true);
        } catch (EngineException e) {
            System.getLogger(EngineClient.class.getName()).log(System.Logger.Level.DEBUG, "Logout failed", e);
        } finally {
            token = null;
        }
    }

    public <T> T get(String path, Class<T> type) {
        return read(call(request(path).GET(), true), ApiJson.mapper().constructType(type));
    }

    public <T> List<T> list(String path, Class<T> elementType) {
        return read(call(request(path).GET(), true),
                ApiJson.mapper().getTypeFactory().constructCollectionType(List.class, elementType));
    }

    /** POSTs {@code body} as JSON (none when null) and reads the answer as {@code type}. */
    public <T> T post(String path, Object body, Class<T> type) {
        return post(path, body, type, REQUEST_TIMEOUT);
    }

    /** As {@link #post(String, Object, Class)}, for a call the engine may take longer to answer (it waits on a host). */
    public <T> T post(String path, Object body, Class<T> type, Duration timeout) {
        return read(call(withJson(request(path).timeout(timeout), "POST", body), true),
                ApiJson.mapper().constructType(type));
    }

    /** A file the engine answered with, and the name its {@code Content-Disposition} offers (null when none, or unsafe). */
    public record Download(String fileName, byte[] content) {
    }

    /**
     * POSTs {@code body} as JSON and receives a file ({@code application/octet-stream}), such as a
     * configuration export. Errors arrive as from every other call.
     */
    public Download postForFile(String path, Object body, Duration timeout) {
        HttpResponse<byte[]> response = send(authorised(withJson(request(path).timeout(timeout), "POST", body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) {
            throw refused(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8), true);
        }
        return new Download(fileName(response.headers().firstValue("Content-Disposition").orElse(null)),
                response.body());
    }

    /**
     * The file name of {@code attachment; filename="NAME"}: a plain name only, never a path, for the
     * console to save under; null when there is none or it is not plain.
     */
    static String fileName(String contentDisposition) {
        if (contentDisposition == null) {
            return null;
        }
        Matcher matcher = FILE_NAME.matcher(contentDisposition);
        if (!matcher.find()) {
            return null;
        }
        String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        return name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,254}") ? name : null;
    }

    public <T> T put(String path, Object body, Class<T> type) {
        return read(call(withJson(request(path), "PUT", body), true), ApiJson.mapper().constructType(type));
    }

    public void delete(String path) {
        call(request(path).DELETE(), true);
    }

    /**
     * Opens the server-sent event stream. The caller reads it until it ends and closes it.
     * Without the {@code Accept} header the engine sends nothing at all.
     */
    public InputStream openEventStream() {
        HttpRequest request = authorised(request(ApiPaths.EVENTS).header("Accept", "text/event-stream").GET()).build();
        HttpResponse<InputStream> response = send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() == 200) {
            return response.body();
        }
        try (InputStream body = response.body()) {
            throw refused(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8), true);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    @Override
    public void close() {
        http.shutdownNow();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(address.uri(path)).timeout(REQUEST_TIMEOUT);
    }

    private static HttpRequest.Builder withJson(HttpRequest.Builder request, String method, Object body) {
        return body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.method(method, json(body)).header("Content-Type", "application/json");
    }

    private HttpRequest.Builder authorised(HttpRequest.Builder request) {
        String current = token;
        if (current == null) {
            throw new EngineException("Not logged in to the engine at " + address + ".");
        }
        return request.header("Authorization", "Bearer " + current);
    }

    private String call(HttpRequest.Builder request, boolean loggedIn) {
        HttpResponse<String> response = send((loggedIn ? authorised(request) : request).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 == 2) {
            return response.body();
        }
        throw refused(response.statusCode(), response.body(), loggedIn);
    }

    private EngineRefusedException refused(int status, String body, boolean loggedIn) {
        ApiError error;
        try {
            error = ApiJson.mapper().readValue(body, ApiError.class);
        } catch (JsonProcessingException e) {
            error = new ApiError(status, "HTTP " + status, "The server at " + address + " answered HTTP " + status
                    + " in a way the console does not understand. Is this a Bulwark engine?", null);
        }
        if (status == 401 && loggedIn) {
            sessionEndedListener.accept(error.message());
        }
        return new EngineRefusedException(error);
    }

    private <T> HttpResponse<T> send(HttpRequest request, BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw unreachable(e, request.timeout().orElse(REQUEST_TIMEOUT));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Cancelled: " + request.method() + " " + request.uri().getPath());
        }
    }

    private <T> T read(String body, JavaType type) {
        try {
            return ApiJson.mapper().readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new EngineException("The engine at " + address + " sent an answer this console cannot read ("
                    + e.getOriginalMessage() + "). Are the console and the engine the same version?", e);
        }
    }

    private EngineException unreachable(IOException failure) {
        return unreachable(failure, REQUEST_TIMEOUT);
    }

    private EngineException unreachable(IOException failure, Duration requestTimeout) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NotPinnedException notPinned) {
                return certificateProblem(notPinned);
            }
            if (cause instanceof UnresolvedAddressException) {
                return new EngineUnreachableException("Cannot find the host '" + address.host()
                        + "'. Check the engine's address.", failure);
            }
        }
        String message = switch (failure) {
            case HttpConnectTimeoutException timeout -> "Cannot reach " + address + ": no answer within "
                    + CONNECT_TIMEOUT.toSeconds() + " s. Check the address, the port and the firewall.";
            case ConnectException refused -> "Cannot reach " + address + ": connection refused. Is the engine running?";
            case HttpTimeoutException timeout -> "The engine at " + address + " did not answer within "
                    + requestTimeout.toSeconds() + " s. Try again.";
            case SSLException tls -> "Cannot set up a secure connection to " + address + " (" + tls.getMessage()
                    + "). Is this the engine's API port?";
            default -> "Lost the connection to the engine at " + address + " (" + describe(failure) + ").";
        };
        return new EngineUnreachableException(message, failure);
    }

    private EngineException certificateProblem(NotPinnedException notPinned) {
        CertificateDetails presented = CertificateDetails.of(notPinned.presented());
        return notPinned.pinnedFingerprint() == null
                ? new UntrustedCertificateException(address, presented)
                : new CertificateChangedException(address, notPinned.pinnedFingerprint(), presented.fingerprint());
    }

    private static String describe(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(ApiJson.mapper().writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static SSLContext pinnedTo(String fingerprint) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new PinningTrustManager(fingerprint)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK cannot make a TLS context", e);
        }
    }
}
