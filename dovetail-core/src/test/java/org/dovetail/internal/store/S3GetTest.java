package org.dovetail.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/** The signed GET's key encoding and its retries (which only an HTTP peer that fails on purpose can show). */
class S3GetTest {

    @Test
    void keysAreEncodedAsTheSdkEncodesThem() {
        Random random = new Random(11);
        String alphabet = "abcXYZ019-_.~/ +=&;,'!@$*()%?#[]{}|\\^`\"<>:é데ф\u0000\u007f😀";
        for (int i = 0; i < 2000; i++) {
            StringBuilder key = new StringBuilder();
            for (int n = random.nextInt(30); n > 0; n--) {
                key.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
            }
            assertThat(S3Get.encode(key.toString())).as(key.toString()).isEqualTo(SdkHttpUtils.urlEncodeIgnoreSlashes(key.toString()));
        }
    }

    @Test
    void serverErrorsAreTriedAgainAndClientErrorsAreNot() throws Exception {
        Deque<Integer> replies = new ArrayDeque<>(List.of(503, 500, 200, 403));
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            int status = replies.isEmpty() ? 503 : replies.poll();
            byte[] body = (status == 200 ? "the object" : "<Error><Code>Code" + status + "</Code><Message>said " + status
                    + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            S3Get get = new S3Get(endpoint, "bucket", "key", "secret", null, Clock.systemUTC());
            assertThat(new String(get.read("a/b"), StandardCharsets.UTF_8)).isEqualTo("the object");
            assertThat(requests).hasValue(3);
            assertThatThrownBy(() -> get.read("a/b")).isInstanceOf(S3Get.Failure.class).hasMessage("HTTP 403 Code403: said 403");
            assertThat(requests).hasValue(4);
            assertThatThrownBy(() -> get.read("a/b")).isInstanceOf(S3Get.Failure.class).hasMessage("HTTP 503 Code503: said 503");
            assertThat(requests).hasValue(7);
        } finally {
            server.stop(0);
        }
    }
}
