package org.dovetail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import org.dovetail.cli.CommandRun.BinaryResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code dovetail blob decode|encode} on files and pipes, with vectors written by DataJoint-Python 0.14.9. */
class BlobCommandTest {
    @TempDir
    Path work;

    private static BinaryResult run(byte[] stdin, String... args) {
        return CommandRun.runWithBytes(Map.of(), stdin, args);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "int_minus_one, 646a30000a0100ff",
        "compressed_dict, 5a4c313233000308000000000000789c4bc9326060616480005e28cdca026594a45694dc64870a5e803252124b12b3f233f34a144659a3ac51d6286b9435ca1a650d55160098080a38",
        "matstruct, 6d596d005302000000000000000100000000000000010000000000000002000000610062002900000000000000410200000000000000010000000000000001000000000000000600000000000000000000000000f03f1d000000000000004101000000000000000200000000000000040000000000000068006900",
    })
    void pythonsBytesSurviveDecodeThenEncodeThroughPipes(String id, String hex) {
        byte[] python = HexFormat.of().parseHex(hex);
        BinaryResult decoded = run(python, "blob", "decode");
        assertThat(decoded.code()).as(decoded.err()).isZero();
        BinaryResult encoded = run(decoded.out(), "blob", "encode", "-");
        assertThat(encoded.code()).as(encoded.err()).isZero();
        assertThat(HexFormat.of().formatHex(encoded.out())).isEqualTo(hex);
    }

    @Test
    void decodesAFileToTheCanonicalTree() throws Exception {
        Path file = Files.write(work.resolve("value.blob"), HexFormat.of().parseHex(
                "6d596d005302000000000000000100000000000000010000000000000002000000610062002900000000000000410200000000000000010000000000000001000000000000000600000000000000000000000000f03f1d000000000000004101000000000000000200000000000000040000000000000068006900"));
        BinaryResult r = run(new byte[0], "blob", "decode", file.toString());
        assertThat(new ObjectMapper().readTree(r.text())).isEqualTo(new ObjectMapper().readTree(
                "{\"t\":\"struct\",\"shape\":[1,1],\"fields\":[\"a\",\"b\"],\"items\":[[{\"t\":\"array\",\"dtype\":\"float64\","
                        + "\"shape\":[1,1],\"data\":[1.0]},{\"t\":\"array\",\"dtype\":\"char\",\"shape\":[2],\"units\":[104,105],\"text\":\"hi\"}]]}"));
        assertThat(run(new byte[0], "blob", "decode", "--pretty", file.toString()).text()).contains("\n  \"t\" : \"struct\"");
    }

    @Test
    void encodesAFileToAFile() throws Exception {
        Path json = Files.writeString(work.resolve("value.json"), "{\"t\":\"int\",\"v\":-1}");
        Path out = work.resolve("value.blob");
        BinaryResult r = run(new byte[0], "blob", "encode", json.toString(), "-o", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(HexFormat.of().formatHex(Files.readAllBytes(out))).isEqualTo("646a30000a0100ff");
    }

    @Test
    void noCompressKeepsALargeValueUncompressed() {
        String big = "{\"t\":\"str\",\"v\":\"" + "datajoint ".repeat(200) + "\"}";
        byte[] compressed = run(big.getBytes(StandardCharsets.UTF_8), "blob", "encode").out();
        byte[] plain = run(big.getBytes(StandardCharsets.UTF_8), "blob", "encode", "--no-compress").out();
        assertThat(new String(compressed, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("ZL123");
        assertThat(new String(plain, 0, 3, StandardCharsets.US_ASCII)).isEqualTo("dj0");
        assertThat(run(plain, "blob", "decode").text()).isEqualTo(run(compressed, "blob", "decode").text());
    }

    @Test
    void badInputIsOneLineNamingTheInputAndExitsOne() throws Exception {
        BinaryResult garbage = run("not a blob".getBytes(StandardCharsets.UTF_8), "blob", "decode");
        assertThat(garbage.code()).isEqualTo(1);
        assertThat(garbage.err().lines()).hasSize(1).allMatch(l -> l.startsWith("dovetail: error: standard input: ") && l.endsWith(" [BLOB_FORMAT]"));
        assertThat(garbage.out()).isEmpty();

        Path badJson = Files.writeString(work.resolve("bad.json"), "{\"t\":\"nope\"}");
        BinaryResult tree = run(new byte[0], "blob", "encode", badJson.toString());
        assertThat(tree.code()).isEqualTo(1);
        assertThat(tree.err()).startsWith("dovetail: error: " + badJson + ": ");

        BinaryResult missing = run(new byte[0], "blob", "decode", work.resolve("absent.blob").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).startsWith("dovetail: error: Cannot read ").endsWith(" [IO]\n");
    }
}
