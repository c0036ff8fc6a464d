package org.dovetail.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dovetail.internal.codec.CodecAttributes.attach;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dovetail.InvalidValueException;
import org.dovetail.schema.Attachment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AttachCodec's stored layout ({@code <filename> 0x00 <contents>}, as DataJoint stores it) and Attachment. */
class AttachmentCodecTest {
    @TempDir
    Path dir;

    private static byte[] stored(String name, byte[] contents) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[n.length + 1 + contents.length];
        System.arraycopy(n, 0, out, 0, n.length);
        System.arraycopy(contents, 0, out, n.length + 1, contents.length);
        return out;
    }

    @Test
    void anAttachmentIsStoredAsItsNameAZeroByteAndItsContents() {
        Object value = new AttachCodec(attach("doc")).toDatabase(new Attachment("notes.txt", new byte[] {1, 0, 2}));

        assertThat((byte[]) value).containsExactly('n', 'o', 't', 'e', 's', '.', 't', 'x', 't', 0, 1, 0, 2);
    }

    @Test
    void namesAreStoredAsUtf8() {
        Object value = new AttachCodec(attach("doc")).toDatabase(new Attachment("résumé.pdf", new byte[] {9}));

        assertThat((byte[]) value).containsExactly(stored("résumé.pdf", new byte[] {9}));
    }

    @Test
    void anEmptyFileStoresOnlyItsName() {
        Object value = new AttachCodec(attach("doc")).toDatabase(new Attachment("empty", new byte[0]));

        assertThat((byte[]) value).containsExactly('e', 'm', 'p', 't', 'y', 0);
    }

    @Test
    void aPathIsReadAndNamedAfterTheFile() throws Exception {
        Path file = Files.write(dir.resolve("trace.bin"), new byte[] {5, 6, 7});

        Object value = new AttachCodec(attach("doc")).toDatabase(file);

        assertThat((byte[]) value).containsExactly(stored("trace.bin", new byte[] {5, 6, 7}));
    }

    @Test
    void otherValuesAreRejectedNamingTheAttribute() {
        assertThatThrownBy(() -> new AttachCodec(attach("report")).toDatabase("report.pdf"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("`report` (attach)")
                .hasMessageContaining("'report.pdf' (String)")
                .hasMessageContaining("an Attachment or the Path of a file");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("missing.pdf");

        assertThatThrownBy(() -> new AttachCodec(attach("report")).toDatabase(missing))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void attachmentsCompareByNameAndContents() {
        Attachment a = new Attachment("a.txt", new byte[] {1, 2});

        assertThat(a).isEqualTo(new Attachment("a.txt", new byte[] {1, 2}));
        assertThat(a).hasSameHashCodeAs(new Attachment("a.txt", new byte[] {1, 2}));
        assertThat(a).isNotEqualTo(new Attachment("a.txt", new byte[] {1, 3}));
        assertThat(a).isNotEqualTo(new Attachment("b.txt", new byte[] {1, 2}));
        assertThat(a.toString()).isEqualTo("Attachment[a.txt, 2 bytes]");
    }

    @Test
    void anAttachmentSavesUnderItsNameAndReadsBack() throws Exception {
        Attachment a = new Attachment("data.bin", new byte[] {3, 1, 4});

        Path saved = a.saveTo(dir.resolve("sub"));

        assertThat(saved).isEqualTo(dir.resolve("sub").resolve("data.bin"));
        assertThat(Files.readAllBytes(saved)).containsExactly(3, 1, 4);
        assertThat(Attachment.of(saved)).isEqualTo(a);
    }

    @Test
    void anAttachmentNeedsANameAndContents() {
        assertThatThrownBy(() -> new Attachment(null, new byte[0])).isInstanceOf(NullPointerException.class).hasMessage("filename");
        assertThatThrownBy(() -> new Attachment("a", null)).isInstanceOf(NullPointerException.class).hasMessage("contents");
    }
}
