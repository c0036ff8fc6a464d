package org.dovetail.ops.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dovetail.connection.ServerVersion;
import org.junit.jupiter.api.Test;

class AccessAccountNameTest {
    @Test
    void parsesNameAndHost() {
        assertThat(AccountName.parse("alice")).isEqualTo(new AccountName("alice", "%"));
        assertThat(AccountName.parse("bob@localhost").sql()).isEqualTo("'bob'@'localhost'");
        assertThat(AccountName.parse("a@b@10.0.0.%")).isEqualTo(new AccountName("a@b", "10.0.0.%"));
        assertThat(AccountName.parse("alice").sql()).isEqualTo("'alice'@'%'");
    }

    @Test
    void quotesBackslashesAndControlCharactersAreRejectedNamingTheValue() {
        assertThatThrownBy(() -> AccountName.parse("o'brien")).isInstanceOf(AccessManagementException.class)
                .hasMessage("The user name \"o'brien\" contains ': quotes, backticks and backslashes are not allowed");
        assertThatThrownBy(() -> AccountName.parse("a\\b")).hasMessageContaining("\"a\\b\" contains \\");
        assertThatThrownBy(() -> AccountName.parse("a`b")).hasMessageContaining("contains `");
        assertThatThrownBy(() -> AccountName.parse("x\"y")).hasMessageContaining("contains \"");
        assertThatThrownBy(() -> AccountName.parse("bad\nname")).hasMessage("The user name \"bad\\u000aname\" contains a control character");
        assertThatThrownBy(() -> AccountName.parse("emoji\uD83D\uDE00")).hasMessage("The user name \"emoji\uD83D\uDE00\" contains"
                + " a character outside the Basic Multilingual Plane, which the server does not allow in account names");
        assertThat(AccountName.parse("ünï_名前").sql()).isEqualTo("'ünï_名前'@'%'");
        assertThatThrownBy(() -> AccountName.parse(" alice")).hasMessageContaining("white space");
        assertThatThrownBy(() -> AccountName.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> AccountName.parse("alice@")).hasMessageContaining("host is empty");
    }

    @Test
    void overLongNamesAreRejectedForTheServerAtHand() {
        assertThatThrownBy(() -> AccountName.parse("x".repeat(81))).hasMessageContaining("at most 80");
        AccountName forty = AccountName.parse("y".repeat(40));
        assertThat(Dialect.of(ServerVersion.parse("10.11.5-MariaDB", null)).check(forty)).isEqualTo(forty);
        assertThatThrownBy(() -> Dialect.of(ServerVersion.parse("8.0.36", null)).check(forty))
                .hasMessage("The user name \"" + "y".repeat(40) + "\" has 40 characters; MySQL 8.0.36 accepts at most 32");
    }

    @Test
    void rolesParseFromShortAndServerNames() {
        assertThat(Role.parse("guest")).isEqualTo(Role.GUEST);
        assertThat(Role.parse("DJ_USER")).isEqualTo(Role.USER);
        assertThatThrownBy(() -> Role.parse("root")).hasMessageContaining("use guest, collab, user, admin or backup");
    }

    @Test
    void generatedPasswordsMeetCommonPolicies() {
        for (int i = 0; i < 200; i++) {
            String p = PasswordGenerator.generate();
            assertThat(p).hasSize(20).matches(".*[A-Z].*").matches(".*[a-z].*").matches(".*[0-9].*").matches(".*[-.+=].*")
                    .matches("[A-Za-z0-9.+=-]+");
        }
        assertThat(PasswordGenerator.generate()).isNotEqualTo(PasswordGenerator.generate());
    }
}
