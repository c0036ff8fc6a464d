package org.dovetail.ops.access;

import java.util.Locale;
import org.dovetail.TableName;

/**
 * The four roles of the Spyglass access model. Every role reads the shared modules and every
 * known prefix; {@code dj_user} also writes the shared modules; {@code dj_admin} has every
 * database privilege on every schema. Owning one's own prefix is a direct grant to the account,
 * given to every role but guest.
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
    ADMIN("dj_admin");

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
        return this != GUEST;
    }

    /**
     * Parses {@code guest}, {@code collab}, {@code user}, {@code admin} or a role name such as
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
        throw new AccessManagementException("Unknown role \"" + text + "\": use guest, collab, user or admin");
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
