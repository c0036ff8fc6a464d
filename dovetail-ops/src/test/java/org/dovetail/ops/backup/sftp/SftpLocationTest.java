package org.dovetail.ops.backup.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dovetail.StoreException;
import org.junit.jupiter.api.Test;

class SftpLocationTest {
    @Test
    void parsesAbsoluteHomeRelativeAndEmptyPaths() {
        SftpLocation absolute = SftpLocation.parse("sftp://backup@vault.lab.org/srv/backups/");
        assertThat(absolute).isEqualTo(new SftpLocation("backup", "vault.lab.org", 22, "/srv/backups"));
        assertThat(absolute.remote("a/b")).isEqualTo("/srv/backups/a/b");
        assertThat(absolute).hasToString("sftp://backup@vault.lab.org/srv/backups");

        SftpLocation home = SftpLocation.parse("sftp://backup@vault:2222/~/mysql");
        assertThat(home).isEqualTo(new SftpLocation("backup", "vault", 2222, "mysql"));
        assertThat(home.remote("a")).isEqualTo("mysql/a");
        assertThat(home.knownHostsName()).isEqualTo("[vault]:2222");
        assertThat(home).hasToString("sftp://backup@vault:2222/~/mysql");

        SftpLocation login = SftpLocation.parse("sftp://backup@vault");
        assertThat(login.directory()).isEmpty();
        assertThat(login.remote("")).isEqualTo(".");
        assertThat(login.remote("x/y")).isEqualTo("x/y");
        assertThat(login.knownHostsName()).isEqualTo("vault");
        assertThat(SftpLocation.parse(login.toString())).isEqualTo(login);

        assertThat(SftpLocation.parse("sftp://b@vault/").directory()).isEqualTo("/");
        assertThat(SftpLocation.parse("sftp://b@vault/").remote("x")).isEqualTo("/x");
        SftpLocation v6 = SftpLocation.parse("SFTP://b@[::1]:23/d");
        assertThat(v6.host()).isEqualTo("::1");
        assertThat(SftpLocation.parse(v6.toString())).isEqualTo(v6);
    }

    @Test
    void refusesWhatItCannotUse() {
        assertThatThrownBy(() -> SftpLocation.parse("sftp://vault/backups")).isInstanceOf(StoreException.class)
                .hasMessageContaining("name the account: sftp://USER@vault/");
        assertThatThrownBy(() -> SftpLocation.parse("sftp://backup:pw@vault/backups")).hasMessageContaining("password");
        assertThatThrownBy(() -> SftpLocation.parse("sftp://backup@vault/a/../b")).hasMessageContaining("`..`");
        assertThatThrownBy(() -> SftpLocation.parse("sftp://backup@vault/a?x=1")).hasMessageContaining("query");
        assertThatThrownBy(() -> SftpLocation.parse("/data/backups")).hasMessageContaining("sftp://");
        assertThat(SftpLocation.isSftp("sftp://x@y")).isTrue();
        assertThat(SftpLocation.isSftp("store:raw")).isFalse();
    }
}
