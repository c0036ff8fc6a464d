package org.dovetail.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import org.dovetail.InvalidInputException;
import org.dovetail.TableName;
import org.junit.jupiter.api.Test;

/** A plan's header through the JSON of a plan file and back, its expiry, and the lock names it leads to. */
class OperationPlanTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aHeaderSurvivesAPlanFile() throws Exception {
        OperationPlan.Header header = new OperationPlan.Header("cleanup", "raw", "objects plan --store raw",
                Instant.parse("2024-05-01T10:15:30.123456789Z"), null, null).withFingerprint("ab12").validFor(Duration.ofHours(1));
        String file = JSON.writeValueAsString(header.toJson().put("orphans", 3));
        JsonNode read = JSON.readTree(file);
        assertThat(OperationPlan.Header.fromJson(read)).isEqualTo(header);
        assertThat(read.get("expires").asText()).isEqualTo("2024-05-01T11:15:30.123456789Z");
        assertThat(read.get("orphans").asInt()).isEqualTo(3);

        OperationPlan.Header plain = OperationPlan.Header.of("access", "server", "init-roles");
        assertThat(plain.toJson().has("expires")).isFalse();
        assertThat(plain.toJson().has("fingerprint")).isFalse();
        assertThat(OperationPlan.Header.fromJson(plain.toJson())).isEqualTo(plain);
    }

    @Test
    void aHeaderExpiresAtItsValidity() {
        OperationPlan.Header header = new OperationPlan.Header("cleanup", "raw", "x", Instant.parse("2024-05-01T10:00:00Z"), null, null);
        assertThat(header.expiredAt(Instant.parse("2030-01-01T00:00:00Z"))).as("no validity: never expires").isFalse();
        OperationPlan.Header valid = header.validFor(Duration.ofDays(1));
        assertThat(valid.expiredAt(Instant.parse("2024-05-02T09:59:59Z"))).isFalse();
        assertThat(valid.expiredAt(Instant.parse("2024-05-02T10:00:00Z"))).isTrue();
    }

    @Test
    void aFileThatIsNotAPlanIsNamed() throws Exception {
        assertThatThrownBy(() -> OperationPlan.Header.fromJson(JSON.readTree("{\"operation\": \"cleanup\"}")))
                .isInstanceOf(InvalidInputException.class).hasMessage("The plan has no \"scope\": not a plan written by dovetail");
        assertThatThrownBy(() -> OperationPlan.Header.fromJson(JSON.readTree(
                "{\"operation\": \"cleanup\", \"scope\": \"raw\", \"action\": \"a\", \"created\": \"yesterday\"}")))
                .isInstanceOf(InvalidInputException.class).hasMessage("The plan's \"created\" is not a time: \"yesterday\"");
    }

    @Test
    void lockNamesAreReadableAndFitTheServersLimit() {
        assertThat(OperationLock.name("migrate", "lab")).isEqualTo("dovetail.migrate.lab");
        String longScope = "s".repeat(TableName.MAX_LENGTH);
        assertThat(OperationLock.name("migrate", longScope)).hasSize(49).startsWith("dovetail.migrate.")
                .isNotEqualTo(OperationLock.name("migrate", longScope + "x"));
        assertThatThrownBy(() -> OperationLock.name("an-operation-name-too-long", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OperationLock.name("a.b", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
