package org.dovetail.populate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bytes and texts of {@code ~jobs} rows, against the vectors DataJoint-Python 0.14.9 produced. */
class JobTableTest {
    @Test
    void theKeyIsADictWithPythonNativeCodesInKeyOrder() {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("subject_id", 2L);
        key.put("param_id", "p1");
        String expected = ("646A3000 04 0200000000000000 1300000000000000 05 0A00000000000000 7375626A6563745F6964"
                + " 0400000000000000 0A 0100 02 1100000000000000 05 0800000000000000 706172616D5F6964"
                + " 0B00000000000000 05 0200000000000000 7031").replace(" ", "").toLowerCase();
        assertThat(HexFormat.of().formatHex(JobTable.packKey(key))).isEqualTo(expected);
    }

    @Test
    void messagesAreCutAt2047CodePoints() {
        String fits = "\uD83D\uDE00".repeat(2047); // 2047 code points, 4094 UTF-16 units
        assertThat(JobTable.truncateMessage(fits)).isEqualTo(fits);
        String over = "x" + fits;
        String cut = JobTable.truncateMessage(over);
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(2047);
        assertThat(cut).isEqualTo("x" + "\uD83D\uDE00".repeat(2034) + "...truncated");
        assertThat(JobTable.truncateMessage(null)).isEmpty();
    }

    @Test
    void stacksAreStringBlobsCompressedPast1000Bytes() {
        assertThat(HexFormat.of().formatHex(JobTable.packStack("Traceback"))).isEqualTo("646a3000" + "05" + "0900000000000000" + "54726163656261636b");
        StringBuilder stack = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            stack.append("  File \"/lab/pipeline.py\", line ").append(i).append(", in make\n    x = compute(key)\n");
        }
        // DataJoint-Python 0.14.9: blob.pack(stack) of this 2590-byte text
        String python = "5a4c313233002b0a000000000000789ca5d5390ec2400c40d134343904b252811491d80e5b41cb3d024c3164610a90c8ed59"
                + "2e90e2bb72f3bb27fb76afb3c532cffe23728e7d90a2eadb4b95620a7d1cc3264d4529bf4dea52e22843db855cbef396935c"
                + "1f437a3dc3aa0bd33a9feb15f6067b877d03fb2dec77b0dfc3fe00fb23f5830152814a092a35a814a152854a192a75a814a2"
                + "528946251abe8554a2518946251a956854a2518946251a95e854a253898edf3295e854a253894e253a95e854a2cf49fc0059"
                + "2d0f61";
        assertThat(HexFormat.of().formatHex(JobTable.packStack(stack.toString()))).isEqualTo(python);
    }
}
