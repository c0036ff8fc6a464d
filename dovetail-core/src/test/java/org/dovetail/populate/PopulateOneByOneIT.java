package org.dovetail.populate;

import org.dovetail.connection.StatementGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every populate test again with the statements of a job sent one at a time, as on MySQL (no
 * compound statements) or behind a proxy with {@link StatementGroup#PROPERTY} off: the same
 * outcomes, six requests per job.
 */
class PopulateOneByOneIT extends PopulateIT {
    @BeforeAll
    static void oneByOne() {
        System.setProperty(StatementGroup.PROPERTY, "false");
    }

    @AfterAll
    static void grouped() {
        System.clearProperty(StatementGroup.PROPERTY);
    }

    @Override
    long requestsPerJob() {
        return 6;
    }
}
