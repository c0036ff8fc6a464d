package org.dovetail.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays a {@link Diagram} out in layers (a table one layer below its lowest parent) and draws it
 * as SVG: boxes per tier colour, curved foreign-key lines. Deliberately simple and dependency-free.
 */
final class SvgLayout {
    private static final int CHAR_WIDTH = 7;
    private static final int BOX_HEIGHT = 26;
    private static final int LAYER_GAP = 70;
    private static final int NODE_GAP = 24;
    private static final int MARGIN = 20;

    private final Diagram diagram;
    private final Map<String, int[]> boxes = new HashMap<>();
    private int width;
    private int height;

    SvgLayout(Diagram diagram) {
        this.diagram = diagram;
    }

    String render() {
        layout();
        StringBuilder out = new StringBuilder();
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" font-family=\"Helvetica, Arial, sans-serif\">\n");
        out.append("  <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\""
                + " orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/></marker></defs>\n");
        for (Diagram.Link link : diagram.links()) {
            int[] from = boxes.get(link.from());
            int[] to = boxes.get(link.to());
            int x1 = from[0] + from[2] / 2;
            int y1 = from[1] + BOX_HEIGHT;
            int x2 = to[0] + to[2] / 2;
            int y2 = to[1];
            int bend = (y2 - y1) / 2;
            out.append("  <path d=\"M ").append(x1).append(' ').append(y1).append(" C ").append(x1).append(' ').append(y1 + bend)
                    .append(", ").append(x2).append(' ').append(y2 - bend).append(", ").append(x2).append(' ').append(y2)
                    .append("\" fill=\"none\" stroke=\"").append(link.renamed() ? Diagram.Style.RENAMED : "#555")
                    .append("\" stroke-width=\"1.3\"").append(link.primary() ? "" : " stroke-dasharray=\"5,4\"")
                    .append(" marker-end=\"url(#arrow)\"/>\n");
        }
        for (Diagram.Node node : diagram.nodes()) {
            int[] box = boxes.get(node.fullName());
            Diagram.Style style = Diagram.style(node);
            boolean part = style == Diagram.Style.PART;
            out.append("  <g><title>").append(escape(node.fullName())).append("</title>");
            if (!part) {
                out.append("<rect x=\"").append(box[0]).append("\" y=\"").append(box[1]).append("\" width=\"").append(box[2])
                        .append("\" height=\"").append(BOX_HEIGHT).append("\" rx=\"6\" fill=\"").append(style.fill)
                        .append("\" stroke=\"").append(style.stroke).append("\"/>");
            }
            out.append("<text x=\"").append(box[0] + box[2] / 2).append("\" y=\"").append(box[1] + BOX_HEIGHT / 2 + 4)
                    .append("\" text-anchor=\"middle\" font-size=\"").append(part ? 10 : 12).append("\" fill=\"#000\">")
                    .append(escape(node.label())).append("</text></g>\n");
        }
        return out.append("</svg>\n").toString();
    }

    private void layout() {
        Map<String, Integer> layer = new HashMap<>();
        for (Diagram.Node node : diagram.nodes()) {
            int depth = 0;
            for (Diagram.Link link : diagram.links()) {
                if (link.to().equals(node.fullName()) && layer.containsKey(link.from())) {
                    depth = Math.max(depth, layer.get(link.from()) + 1);
                }
            }
            layer.put(node.fullName(), depth);
        }
        List<List<Diagram.Node>> layers = new ArrayList<>();
        for (Diagram.Node node : diagram.nodes()) {
            int l = layer.get(node.fullName());
            while (layers.size() <= l) {
                layers.add(new ArrayList<>());
            }
            layers.get(l).add(node);
        }
        width = 2 * MARGIN;
        for (int l = 0; l < layers.size(); l++) {
            int x = MARGIN;
            for (Diagram.Node node : layers.get(l)) {
                int w = node.label().length() * CHAR_WIDTH + 20;
                boxes.put(node.fullName(), new int[] {x, MARGIN + l * (BOX_HEIGHT + LAYER_GAP), w});
                x += w + NODE_GAP;
            }
            width = Math.max(width, x - NODE_GAP + MARGIN);
        }
        height = 2 * MARGIN + Math.max(1, layers.size()) * (BOX_HEIGHT + LAYER_GAP) - LAYER_GAP;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
