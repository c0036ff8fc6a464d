package org.dovetail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import org.dovetail.Report;

/**
 * The reports of one command that works on several scopes (e.g. one per schema) as one report:
 * the texts one after the other, a JSON array, the rows of every main table (the reports are of
 * one kind, so their columns are the same), and the worst outcome.
 */
final class ReportList implements Report {
    private final List<Report> reports;

    ReportList(List<? extends Report> reports) {
        this.reports = List.copyOf(reports);
    }

    @Override
    public String toText() {
        StringBuilder text = new StringBuilder();
        reports.forEach(r -> text.append(r.toText()));
        return text.toString();
    }

    @Override
    public JsonNode toJson() {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        reports.forEach(r -> array.add(r.toJson()));
        return array;
    }

    @Override
    public List<String> columns() {
        return reports.isEmpty() ? List.of() : reports.get(0).columns();
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        reports.forEach(r -> rows.addAll(r.rows()));
        return rows;
    }

    /** FAILED if one failed, else REFUSED if one was refused, else OK. */
    @Override
    public Outcome outcome() {
        List<Outcome> outcomes = reports.stream().map(Report::outcome).toList();
        return outcomes.contains(Outcome.FAILED) ? Outcome.FAILED : outcomes.contains(Outcome.REFUSED) ? Outcome.REFUSED : Outcome.OK;
    }
}
