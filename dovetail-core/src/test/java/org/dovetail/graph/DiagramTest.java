package org.dovetail.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** Mermaid, DOT and SVG renderings of a small pipeline with a part, a renamed and a secondary foreign key. */
class DiagramTest {
    private static final Diagram DIAGRAM = Diagram.of(graph(), "lab");

    private static DependencyGraph graph() {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("`lab`.`#species`", List.of("species"));
        keys.put("`lab`.`subject`", List.of("subject_id"));
        keys.put("`lab`.`_session`", List.of("subject_id", "session"));
        keys.put("`lab`.`_session__note`", List.of("subject_id", "session", "note"));
        keys.put("`lab`.`pairing`", List.of("subject_id", "partner"));
        List<Dependency> fks = List.of(
                new Dependency("`lab`.`#species`", "`lab`.`subject`", "subject_ibfk_1", Map.of("species", "species"), false, false, false),
                new Dependency("`common`.`lab_member`", "`lab`.`subject`", "subject_ibfk_2", Map.of("member", "member"), false, false, false),
                new Dependency("`lab`.`subject`", "`lab`.`_session`", "_session_ibfk_1", Map.of("subject_id", "subject_id"), false, false, false),
                new Dependency("`lab`.`_session`", "`lab`.`_session__note`", "_session__note_ibfk_1",
                        Map.of("subject_id", "subject_id", "session", "session"), false, false, false),
                new Dependency("`lab`.`subject`", "`lab`.`pairing`", "pairing_ibfk_1", Map.of("subject_id", "subject_id"), false, false, false),
                new Dependency("`lab`.`subject`", "`lab`.`pairing`", "pairing_ibfk_2", Map.of("partner", "subject_id"), false, false, false));
        return DependencyGraph.of(keys, fks);
    }

    @Test
    void nodesAndLinksCarryTiersNeighboursAndKinds() {
        assertThat(DIAGRAM.nodes()).extracting(Diagram.Node::label)
                .containsExactlyInAnyOrder("Species", "common.LabMember", "Subject", "Session", "Session.Note", "Pairing");
        assertThat(DIAGRAM.nodes()).filteredOn(Diagram.Node::external).extracting(Diagram.Node::label).containsExactly("common.LabMember");
        assertThat(DIAGRAM.links()).hasSize(6);
        assertThat(DIAGRAM.links()).filteredOn(Diagram.Link::renamed).extracting(Diagram.Link::to).containsExactly("`lab`.`pairing`");
        assertThat(DIAGRAM.links()).filteredOn(l -> !l.primary()).extracting(Diagram.Link::from)
                .containsExactlyInAnyOrder("`lab`.`#species`", "`common`.`lab_member`");
    }

    @Test
    void mermaidAndDot() {
        String mermaid = DIAGRAM.mermaid();
        assertThat(mermaid).startsWith("flowchart TD\n").contains("[\"Session.Note\"]:::part", "[\"Species\"]:::lookup",
                "[\"Session\"]:::imported", " -.-> ", " --> ", "linkStyle", "classDef computed");
        String dot = DIAGRAM.dot();
        assertThat(dot).startsWith("digraph dependencies {").contains("label=\"common.LabMember\"", "style=dashed",
                "color=\"#e69138\"", "shape=plaintext").endsWith("}\n");
    }

    @Test
    void svgIsAWellFormedImageWithEveryTable() throws Exception {
        String svg = DIAGRAM.svg();
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(doc.getElementsByTagName("text").getLength()).isEqualTo(6);
        assertThat(doc.getElementsByTagName("path").getLength()).isEqualTo(7); // six links and the arrow head
        assertThat(svg).contains("stroke-dasharray", "<title>`lab`.`_session__note`</title>");
    }
}
