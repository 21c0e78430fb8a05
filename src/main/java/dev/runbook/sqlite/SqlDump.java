package dev.runbook.sqlite;

import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A database as SQL text, in the shape of the sqlite3 CLI's {@code .dump}: tables with their rows,
 * sqlite_sequence, then indexes, triggers and views, in one transaction with foreign keys off. It
 * reads inside one read transaction, so the text is one consistent state of a live database.
 */
public final class SqlDump {

    private final Connection connection;
    private final Writer out;

    private SqlDump(Connection connection, Writer out) {
        this.connection = connection;
        this.out = out;
    }

    public static void write(Connection connection, Writer out) throws SQLException, IOException {
        connection.setAutoCommit(false); // one read transaction: one snapshot
        try {
            new SqlDump(connection, out).tables().rest();
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    private SqlDump tables() throws SQLException, IOException {
        out.write("PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\n");
        List<String[]> tables = new ArrayList<>();
        try (Statement sql = connection.createStatement(); ResultSet rows = sql.executeQuery(
                "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql NOT NULL ORDER BY tbl_name = "
                        + "'sqlite_sequence', rowid")) {
            while (rows.next()) {
                tables.add(new String[] {rows.getString(1), rows.getString(2)});
            }
        }
        boolean writableSchema = false;
        for (String[] table : tables) {
            String name = table[0];
            if (name.equals("sqlite_sequence")) {
                out.write("DELETE FROM sqlite_sequence;\n");
            } else if (name.startsWith("sqlite_stat")) {
                out.write("ANALYZE sqlite_schema;\n");
            } else if (name.startsWith("sqlite_")) {
                continue;
            } else if (table[1].regionMatches(true, 0, "CREATE VIRTUAL TABLE", 0, 20)) {
                // As the CLI does: a virtual table goes into the schema directly; its shadow tables
                // (plain tables) follow with their rows.
                if (!writableSchema) {
                    out.write("PRAGMA writable_schema=ON;\n");
                    writableSchema = true;
                }
                out.write("INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table'," + quote(name)
                        + "," + quote(name) + ",0," + quote(table[1]) + ");\n");
                continue;
            } else {
                out.write(table[1] + ";\n");
            }
            rows(name);
        }
        if (writableSchema) {
            out.write("PRAGMA writable_schema=OFF;\n");
        }
        return this;
    }

    private void rows(String table) throws SQLException, IOException {
        List<String> columns = insertableColumns(table);
        String columnList = columns == null ? "" : "(" + String.join(",", columns.stream().map(SqlDump::identifier)
                .toList()) + ")";
        String select = columns == null ? "*" : String.join(",", columns.stream().map(SqlDump::identifier).toList());
        try (Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT " + select + " FROM " + identifier(table))) {
            int count = rows.getMetaData().getColumnCount();
            StringBuilder line = new StringBuilder();
            while (rows.next()) {
                line.setLength(0);
                line.append("INSERT INTO ").append(identifier(table)).append(columnList).append(" VALUES(");
                for (int i = 1; i <= count; i++) {
                    line.append(i > 1 ? "," : "").append(literal(rows.getObject(i)));
                }
                out.write(line.append(");\n").toString());
            }
        }
    }

    /** The columns to name in INSERT when the table has generated ones (which cannot be inserted), else null. */
    private List<String> insertableColumns(String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        boolean generated = false;
        try (Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("PRAGMA table_xinfo(" + identifier(table) + ")")) {
            while (rows.next()) {
                int hidden = rows.getInt("hidden");
                if (hidden == 2 || hidden == 3) {
                    generated = true;
                } else {
                    columns.add(rows.getString("name"));
                }
            }
        }
        return generated ? columns : null;
    }

    private void rest() throws SQLException, IOException {
        try (Statement sql = connection.createStatement(); ResultSet rows = sql.executeQuery(
                "SELECT sql FROM sqlite_schema WHERE sql NOT NULL AND type IN ('index','trigger','view') "
                        + "ORDER BY type = 'view', rowid")) {
            while (rows.next()) {
                out.write(rows.getString(1) + ";\n");
            }
        }
        out.write("COMMIT;\n");
    }

    /** A value as the CLI writes it: integers and reals as numbers, text quoted, blobs as X'..'. */
    static String literal(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof byte[] blob) {
            return "X'" + HexFormat.of().formatHex(blob) + "'";
        }
        if (value instanceof Double real) {
            if (real.isNaN()) {
                return "NULL";
            }
            if (real.isInfinite()) {
                return real > 0 ? "1e999" : "-1e999";
            }
            return Double.toString(real); // shortest text that reads back as the same double
        }
        if (value instanceof Number) {
            return value.toString();
        }
        String text = value.toString();
        return text.indexOf('\0') >= 0 ? "CAST(X'" + HexFormat.of().formatHex(text.getBytes(
                java.nio.charset.StandardCharsets.UTF_8)) + "' AS TEXT)" : quote(text);
    }

    static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
