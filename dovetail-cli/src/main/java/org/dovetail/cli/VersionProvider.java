package org.dovetail.cli;

import org.dovetail.embedded.MariaDbBinaries;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the jar's version and the embedded server's. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = DovetailCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "dovetail " + (version == null ? "(development build)" : version),
            "compatible with DataJoint-Python 0.14; embedded MariaDB " + MariaDbBinaries.VERSION,
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
