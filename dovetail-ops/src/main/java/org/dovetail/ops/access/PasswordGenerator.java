package org.dovetail.ops.access;

import java.security.SecureRandom;

/**
 * Random passwords for new accounts: 20 characters from letters and digits (no look-alikes such
 * as {@code l}, {@code 1}, {@code O}, {@code 0}) with at least one upper-case letter, one
 * lower-case letter, one digit and one of {@code -.+=}, so they pass common password policies
 * (MySQL's validate_password MEDIUM) and need no quoting in a shell or a config file.
 */
final class PasswordGenerator {
    static final int LENGTH = 20;
    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String DIGITS = "23456789";
    private static final String SYMBOLS = "-.+=";
    private static final String ALL = UPPER + LOWER + DIGITS;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordGenerator() {}

    static String generate() {
        char[] password = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            password[i] = pick(ALL);
        }
        String[] required = {UPPER, LOWER, DIGITS, SYMBOLS};
        int[] positions = RANDOM.ints(0, LENGTH).distinct().limit(required.length).toArray();
        for (int i = 0; i < required.length; i++) {
            password[positions[i]] = pick(required[i]);
        }
        return new String(password);
    }

    private static char pick(String alphabet) {
        return alphabet.charAt(RANDOM.nextInt(alphabet.length()));
    }
}
