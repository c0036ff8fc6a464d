package org.dovetail.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.blob.BlobJson;
import org.dovetail.blob.DecodeOptions;
import org.dovetail.blob.EncodeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dovetail blob decode|encode}: DataJoint blob bytes to the canonical JSON tree and back. */
@Command(name = "blob", mixinStandardHelpOptions = true,
        description = {"Convert between DataJoint blob bytes (as stored in a longblob column or an external object)",
                "and the canonical JSON tree that every Dovetail JSON export uses for blob values."},
        subcommands = {BlobCommand.Decode.class, BlobCommand.Encode.class})
final class BlobCommand {
    @ParentCommand
    DovetailCommand global;

    byte[] read(Path file) {
        try {
            if (file == null || file.toString().equals("-")) {
                return global.stdin.readAllBytes();
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DovetailException(ErrorCode.IO, "Cannot read " + (file == null ? "standard input" : file) + ": " + e.getMessage(), e);
        }
    }

    @Command(name = "decode", mixinStandardHelpOptions = true,
            description = "Decode blob bytes from FILE (or standard input) and print the canonical JSON tree.")
    static final class Decode implements Callable<Integer> {
        @ParentCommand
        BlobCommand parent;
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Blob file; '-' or absent: standard input.")
        Path file;

        @Option(names = "--matlab-32bit", description = "Read the 32-bit MATLAB variant (4-byte dimensions and lengths).")
        boolean matlab32;

        @Option(names = "--pretty", description = "Indent the JSON.")
        boolean pretty;

        @Override
        public Integer call() throws IOException {
            byte[] bytes = parent.read(file);
            String json;
            try {
                json = BlobJson.decodeToJson(bytes, DecodeOptions.defaults().with32BitDims(matlab32));
            } catch (DovetailException e) {
                throw new DovetailException(e.code(), (file == null ? "standard input" : file) + ": " + e.getMessage(), e);
            }
            if (pretty) {
                json = Output.JSON.writeValueAsString(Output.JSON.readTree(json));
            }
            spec.commandLine().getOut().println(json);
            spec.commandLine().getOut().flush();
            return ExitCode.OK.code();
        }
    }

    @Command(name = "encode", mixinStandardHelpOptions = true,
            description = {"Encode a canonical JSON tree from FILE (or standard input) into blob bytes, exactly as",
                    "DataJoint-Python would store the same value."})
    static final class Encode implements Callable<Integer> {
        @ParentCommand
        BlobCommand parent;
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "JSON file; '-' or absent: standard input.")
        Path file;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the bytes here instead of standard output.")
        Path output;

        @Option(names = "--no-compress", description = "Never compress (DataJoint compresses blobs over 1000 bytes when that saves space).")
        boolean noCompress;

        @Override
        public Integer call() throws IOException {
            String json = new String(parent.read(file), StandardCharsets.UTF_8);
            byte[] bytes;
            try {
                bytes = BlobJson.encodeFromJson(json, EncodeOptions.defaults().withCompression(!noCompress));
            } catch (DovetailException e) {
                throw new DovetailException(e.code(), (file == null ? "standard input" : file) + ": " + e.getMessage(), e);
            }
            if (output != null) {
                Files.write(output, bytes);
                return ExitCode.OK.code();
            }
            if (System.console() != null && parent.global.stdout == System.out) {
                throw new DovetailException(ErrorCode.USAGE, "Refusing to write binary blob bytes to a terminal: redirect standard output or use -o FILE");
            }
            OutputStream out = parent.global.stdout;
            out.write(bytes);
            out.flush();
            return ExitCode.OK.code();
        }
    }
}
