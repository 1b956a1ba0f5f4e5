package io.bulwark.engine.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.protocol.ApiJson;
import io.bulwark.protocol.ApiPaths;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A plain HTTPS client of the engine's API for tests. It trusts exactly the engine's own
 * certificate (from {@code DIR/tls/engine.crt}) with the JDK's normal checks, host name included,
 * so the tests see what any careful client sees.
 */
public final class TestApi {
    /** One answer: the status and the body as JSON (or text, when it is not JSON). */
    public record Response(int status, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            try {
                return ApiJson.mapper().readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("Not JSON (status " + status + "): " + body, e);
            }
        }

        /** The body as JSON, when the status is the one expected; otherwise an error that shows the answer. */
        public JsonNode expect(int expected) {
            if (status != expected) {
                throw new AssertionError("Expected status " + expected + ", got " + this);
            }
            return json();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final HttpClient http;
    private final String baseUrl;
    private volatile String token;

    public TestApi(String baseUrl, Path engineCertificate, InetAddress localAddress) {
        this.baseUrl = baseUrl;
        HttpClient.Builder builder = HttpClient.newBuilder().sslContext(trusting(engineCertificate))
                .connectTimeout(Duration.ofSeconds(10));
        if (localAddress != null) {
            builder.localAddress(localAddress);
        }
        this.http = builder.build();
    }

    public static TestApi of(EngineProcess engine) {
        return from(engine, null);
    }

    /** A client whose connections come from {@code localAddress}, another loopback address say. */
    public static TestApi from(EngineProcess engine, InetAddress localAddress) {
        return new TestApi(engine.baseUrl(), engine.dataDirectory().resolve("tls").resolve("engine.crt"), localAddress);
    }

    /** Logs in and keeps the token for later calls. */
    public TestApi login(String username, String password) {
        Response response = post(ApiPaths.LOGIN, Map.of("username", username, "password", password));
        if (response.status() != 200) {
            throw new AssertionError("Login as " + username + " failed: " + response);
        }
        token = response.json().path("token").asText();
        return this;
    }

    public TestApi withToken(String newToken) {
        this.token = newToken;
        return this;
    }

    public String token() {
        return token;
    }

    public HttpClient http() {
        return http;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response post(String path, Object body) {
        return send(request(path).POST(json(body)).header("Content-Type", "application/json"));
    }

    /** POSTs with extra headers, such as the version headers a console sends on login. */
    public Response post(String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = request(path).POST(json(body)).header("Content-Type", "application/json");
        headers.forEach(request::header);
        return send(request);
    }

    public Response postRaw(String path, String body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json"));
    }

    public Response put(String path, Object body) {
        return send(request(path).PUT(json(body)).header("Content-Type", "application/json"));
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    /** Opens the server-sent event stream. */
    /** The id of the built-in entity of a collection: the backup server, its proxy, its default repository. */
    public java.util.UUID builtIn(String collection) {
        for (JsonNode entity : get(collection).expect(200)) {
            if (entity.path("builtIn").asBoolean()) {
                return java.util.UUID.fromString(entity.path("id").asText());
            }
        }
        throw new AssertionError("Nothing built in among " + collection);
    }

    /** Follows a session until it has ended (two minutes at the most) and answers its details. */
    public JsonNode sessionToEnd(java.util.UUID session) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            JsonNode details = get(ApiPaths.sessionDetails(session)).expect(200);
            if (!details.path("session").path("state").asText().equals("RUNNING")) {
                return details;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The session did not end within two minutes: " + details);
            }
            Thread.sleep(300);
        }
    }

    public HttpResponse<InputStream> events() throws IOException, InterruptedException {
        return http.send(request(ApiPaths.EVENTS).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new AssertionError("The request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(body instanceof String text ? text
                    : ApiJson.mapper().writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static SSLContext trusting(Path certificateFile) {
        try (InputStream in = Files.newInputStream(certificateFile)) {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("engine", certificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot trust " + certificateFile, e);
        }
    }
}
