package org.dovetail.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import org.dovetail.InvalidInputException;
import org.dovetail.Report;

/**
 * What an operation would do, worked out without changing anything. A plan is a {@link Report},
 * so the command line prints it as it prints every report (text, JSON, CSV), and it carries a
 * {@link Header}: which operation on which scope, when it was made, and optionally until when
 * and from which state, so that {@link Operation#apply} can refuse a plan that has gone stale.
 *
 * <pre>{@code
 * Plan plan = access.addModule("ephys");        // reads the server, changes nothing
 * System.out.print(plan.toText());              // what would run
 * if (!plan.isEmpty()) {
 *     access.apply(plan);                       // lock, stale check, audit record, then the work
 * }
 * }</pre>
 *
 * <p>A plan that must be saved (a plan file, applied later) writes its header's fields into its
 * JSON object with {@link Header#toJson()} and reads them back with {@link Header#fromJson}.
 */
public interface OperationPlan extends Report {
    /** Which operation on which scope, when it was made, and how it goes stale. */
    Header header();

    /** True when applying the plan would change nothing. */
    boolean isEmpty();

    /**
     * Why applying this plan would be refused (a safety rule that does not hold), or empty. A
     * refused plan still prints; applying it fails with {@code ErrorCode.REFUSED}.
     */
    default Optional<String> refusal() {
        return Optional.empty();
    }

    /** {@link Outcome#REFUSED} when the plan would be refused, else {@link Outcome#OK}. */
    @Override
    default Outcome outcome() {
        return refusal().isPresent() ? Outcome.REFUSED : Outcome.OK;
    }

    /**
     * The facts every plan carries.
     *
     * @param operation   the operation's name, e.g. {@code access}, {@code migrate}: the first part of its lock name
     * @param scope       what the plan changes and the lock covers, e.g. a schema or a store name, {@code server}
     * @param action      the request in one line, e.g. {@code add-user alice --role user}
     * @param created     when the plan was made
     * @param expires     when the plan stops being valid, or null if it does not expire
     * @param fingerprint a digest of the state the plan was made from, or null; an apply that finds
     *                    another digest refuses the plan
     */
    record Header(String operation, String scope, String action, Instant created, Instant expires, String fingerprint) {
        public Header {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(created, "created");
        }

        /** A header made now, without expiry or fingerprint. */
        public static Header of(String operation, String scope, String action) {
            return new Header(operation, scope, action, Instant.now(), null, null);
        }

        /** The same header with the digest of the state the plan was made from. */
        public Header withFingerprint(String digest) {
            return new Header(operation, scope, action, created, expires, digest);
        }

        /** The same header, valid for {@code validity} after it was made. */
        public Header validFor(Duration validity) {
            return new Header(operation, scope, action, created, created.plus(validity), fingerprint);
        }

        /** True when the plan has an expiry and {@code now} is not before it. */
        public boolean expiredAt(Instant now) {
            return expires != null && !now.isBefore(expires);
        }

        /** The fields as JSON: {@code operation}, {@code scope}, {@code action}, {@code created}, and {@code expires} and {@code fingerprint} when set. */
        public ObjectNode toJson() {
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            json.put("operation", operation);
            json.put("scope", scope);
            json.put("action", action);
            json.put("created", created.toString());
            if (expires != null) {
                json.put("expires", expires.toString());
            }
            if (fingerprint != null) {
                json.put("fingerprint", fingerprint);
            }
            return json;
        }

        /**
         * Reads the fields {@link #toJson()} writes, from a plan's JSON object.
         *
         * @throws InvalidInputException if a field is missing or a time is not an ISO-8601 instant
         */
        public static Header fromJson(JsonNode json) {
            return new Header(text(json, "operation"), text(json, "scope"), text(json, "action"), instant(json, "created", true),
                    instant(json, "expires", false), json.hasNonNull("fingerprint") ? json.get("fingerprint").asText() : null);
        }

        private static String text(JsonNode json, String field) {
            if (json == null || !json.hasNonNull(field)) {
                throw new InvalidInputException("The plan has no \"" + field + "\": not a plan written by dovetail");
            }
            return json.get(field).asText();
        }

        private static Instant instant(JsonNode json, String field, boolean required) {
            if (!required && (json == null || !json.hasNonNull(field))) {
                return null;
            }
            String value = text(json, field);
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("The plan's \"" + field + "\" is not a time: \"" + value + "\"");
            }
        }
    }
}
