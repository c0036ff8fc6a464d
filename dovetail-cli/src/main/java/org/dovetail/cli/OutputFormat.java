package org.dovetail.cli;

/** {@code --format}: how data goes to stdout. */
public enum OutputFormat { table, json, jsonl, csv }
