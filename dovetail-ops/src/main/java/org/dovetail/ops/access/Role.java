package org.dovetail.ops.access;

import java.util.List;
import java.util.Locale;
import org.dovetail.TableName;

/**
 * The four roles of the Spyglass access model, and the backup role. Every Spyglass role reads the
 * shared modules and every known prefix; {@code dj_user} also writes the shared modules;
 * {@code dj_admin} has every database privilege on every schema. Owning one's own prefix is a
 * direct grant to the account, given to every Spyglass role but guest. {@code dj_backup} is no
 * part of that model: it has the global privileges {@code dovetail backup} needs to read a
 * consistent snapshot of every schema (see {@link #BACKUP}), and its accounts are bound to the
 * hosts the administrator names.
 *
 * <pre>{@code
 * Role role = Role.parse("collab");   // Role.COLLAB
 * role.roleName();                    // dj_collab
 * }</pre>
 */
public enum Role {
    GUEST("dj_guest"),
    COLLAB("dj_collab"),
    USER("dj_user"),
    ADMIN("dj_admin"),
    /**
     * Backups: reading every schema in one snapshot, with the privileges of the parallel snapshot
     * (RELOAD for {@code BACKUP STAGE} on MariaDB and {@code FLUSH TABLES WITH READ LOCK} on
     * MySQL 8, whose {@code LOCK INSTANCE FOR BACKUP} also needs BACKUP_ADMIN) and of the binlog
     * position. Created, with its grants, by the first {@code add-user --role backup}; not by
     * {@code init-roles}.
     */
    BACKUP("dj_backup");

    /** The roles of the Spyglass model, which {@code init-roles} creates. */
    public static final List<Role> SPYGLASS = List.of(GUEST, COLLAB, USER, ADMIN);

    private final String roleName;

    Role(String roleName) {
        this.roleName = roleName;
    }

    /** The role's name on the server, e.g. {@code dj_user}. */
    public String roleName() {
        return roleName;
    }

    /** True if accounts with this role get ALL on their own prefix. */
    public boolean ownsPrefix() {
        return this != GUEST && this != BACKUP;
    }

    /** True for the roles of the Spyglass model (all but {@link #BACKUP}). */
    public boolean isSpyglass() {
        return this != BACKUP;
    }

    /**
     * Parses {@code guest}, {@code collab}, {@code user}, {@code admin}, {@code backup} or a role name such as
     * {@code dj_user}, ignoring case.
     *
     * @throws AccessManagementException for anything else
     */
    public static Role parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (Role r : values()) {
            if (t.equals(r.name().toLowerCase(Locale.ROOT)) || t.equals(r.roleName)) {
                return r;
            }
        }
        throw new AccessManagementException("Unknown role \"" + text + "\": use guest, collab, user, admin or backup");
    }

    /** The role with this server name, or null. */
    static Role byRoleName(String roleName) {
        for (Role r : values()) {
            if (r.roleName.equals(roleName)) {
                return r;
            }
        }
        return null;
    }

    /** {@code `dj_user`} */
    String sql() {
        return TableName.quote(roleName);
    }

    @Override
    public String toString() {
        return roleName;
    }
}
