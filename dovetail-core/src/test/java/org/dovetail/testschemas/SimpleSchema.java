package org.dovetail.testschemas;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.dovetail.Dovetail;
import org.dovetail.schema.InsertOption;
import org.dovetail.schema.Schema;
import org.dovetail.schema.Table;
import org.dovetail.schema.TableDefinition;
import org.dovetail.schema.Tier;

/**
 * DataJoint's {@code tests/schema_simple.py} ({@code djtest_relational}), declared from the same
 * definitions; the Computed tables are filled as their {@code make} methods do, with Java's
 * seeded random numbers instead of Python's.
 */
public final class SimpleSchema {
    public final Schema schema;

    private SimpleSchema(Schema schema) {
        this.schema = schema;
    }

    public Table table(String className) {
        return schema.table(className);
    }

    /** Declares every table and fills the Lookup contents; with {@code populate}, B, D, E and G too. */
    public static SimpleSchema create(Dovetail connection, String name, boolean populate) {
        Schema schema = connection.createSchema(name);
        List<List<Object>> ij = new ArrayList<>();
        List<List<Object>> ji = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                ij.add(List.of(i, j + 2));
                ji.add(List.of(j, i + 1));
            }
        }
        schema.declare(TableDefinition.of(Tier.LOOKUP, "IJ", "# tests restrictions\ni : int\nj : int").withContents(ij));
        schema.declare(TableDefinition.of(Tier.LOOKUP, "JI", "# reordered attributes\nj : int\ni : int").withContents(ji));
        List<List<Object>> a = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            a.add(List.of(i, i % 4 > i % 3 ? 1 : 0));
        }
        schema.declare(TableDefinition.of(Tier.LOOKUP, "A", "id_a :int\n---\ncond_in_a :tinyint").withContents(a));
        schema.declare(TableDefinition.of(Tier.COMPUTED, "B", """
                -> A
                id_b :int
                ---
                mu :float  # mean value
                sigma :float  # standard deviation
                n :smallint # number samples
                """).withPart("C", """
                -> B
                id_c :int
                ---
                value :float  # normally distributed variables according to parameters in B
                """));
        List<List<Object>> l = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            l.add(List.of(i, i % 3 >= i % 5 ? 1 : 0));
        }
        schema.declare(TableDefinition.of(Tier.LOOKUP, "L", "id_l: int\n---\ncond_in_l :tinyint").withContents(l));
        schema.declare(TableDefinition.of(Tier.COMPUTED, "D", "-> A\nid_d :int\n---\n-> L"));
        schema.declare(TableDefinition.of(Tier.COMPUTED, "E", "-> B\n-> D\n---\n-> L")
                .withPart("F", "-> E\nid_f :int\n---\n-> B.C")
                .withPart("G", "# test secondary fk reference\n-> E\nid_g :int\n---\n-> L")
                .withPart("H", "# test no additional fk reference\n-> E\nid_h :int")
                .withPart("M", "# test force_masters revisit\n-> E\nid_m :int\n---\n-> E.H"));
        schema.declare(TableDefinition.of(Tier.MANUAL, "F", "id: int\n----\ndate=null: date"));
        schema.declare(TableDefinition.of(Tier.COMPUTED, "G", "# test downstream of complex master/parts\n-> E"));
        List<List<Object>> dataA = new ArrayList<>();
        List<List<Object>> dataB = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            dataA.add(List.of(i, i));
            dataB.add(List.of(i, i + 5));
        }
        schema.declare(TableDefinition.of(Tier.LOOKUP, "DataA", "idx : int\n---\na : int").withContents(dataA));
        schema.declare(TableDefinition.of(Tier.LOOKUP, "DataB", "idx : int\n---\na : int").withContents(dataB));
        schema.declare(TableDefinition.of(Tier.LOOKUP, "Website", "url_hash : uuid\n---\nurl : varchar(1000)"));
        schema.declare(TableDefinition.of(Tier.MANUAL, "Profile", """
                ssn : char(11)
                ---
                name : varchar(70)
                blood_group  : enum('A+', 'A-', 'AB+', 'AB-', 'B+', 'B-', 'O+', 'O-')
                birthdate : date
                """).withPart("Website", "-> master\n-> Website"));
        schema.declare(TableDefinition.of(Tier.LOOKUP, "TTestUpdate", """
                primary_key     : int
                ---
                string_attr     : varchar(255)
                num_attr=null   : float
                blob_attr       : longblob
                """).withContents(List.of(List.of(0, "my_string", 0.0, new double[][] {{1, 2}, {3, 4}}),
                List.of(1, "my_other_string", 1.0, new double[] {5, 6, 7}))));
        List<List<Object>> argmax = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 100; i++) {
            argmax.add(List.of(i, String.valueOf((char) (100 + i % 10)), random.nextDouble()));
        }
        schema.declare(TableDefinition.of(Tier.LOOKUP, "ArgmaxTest", "primary_key : int\n---\nsecondary_key : char(2)\nval : float")
                .withContents(argmax));
        schema.declare(TableDefinition.of(Tier.MANUAL, "ReservedWord", """
                # Test of SQL reserved words
                key : int
                ---
                in    :  varchar(25)
                from  :  varchar(25)
                int   :  int
                select : varchar(25)
                """));
        schema.declare(TableDefinition.of(Tier.LOOKUP, "OutfitLaunch", "# Monthly released designer outfits\nrelease_id: int\n---\nday: date")
                .withContents(List.of(List.of(0, LocalDate.now().minusDays(15))))
                .withPart("OutfitPiece", "# Outfit piece associated with outfit\n-> OutfitLaunch\npiece: varchar(20)"));
        List<List<Object>> select = new ArrayList<>();
        List<List<Object>> key = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            select.add(List.of(i, (i * 7) % 10));
            key.add(List.of(i, (i * 3) % 10));
        }
        schema.declare(TableDefinition.of(Tier.LOOKUP, "SelectPK", "id : int\nselect : int").withContents(select));
        schema.declare(TableDefinition.of(Tier.LOOKUP, "KeyPK", "id : int\nkey : int").withContents(key));
        SimpleSchema simple = new SimpleSchema(schema);
        simple.table("OutfitLaunch.OutfitPiece").insert(List.of(List.of(0, "jeans"), List.of(0, "sneakers"), List.of(0, "polo")));
        if (populate) {
            simple.populate();
        }
        return simple;
    }

    /** B, B.C, D, E and its parts, G: as the make methods of schema_simple.py fill them. */
    public void populate() {
        Table b = table("B");
        Table c = table("B.C");
        Table d = table("D");
        List<Map<String, Object>> lKeys = table("L").fetchKeys();
        List<Map<String, Object>> bRows = new ArrayList<>();
        List<Map<String, Object>> cRows = new ArrayList<>();
        List<Map<String, Object>> dRows = new ArrayList<>();
        for (Map<String, Object> aKey : table("A").fetchKeys()) {
            Random r = new Random(aKey.toString().hashCode());
            for (int i = 0; i < 4; i++) {
                double mu = r.nextGaussian() * 10;
                double sigma = Math.exp(r.nextGaussian());
                int n = r.nextInt(11);
                bRows.add(row(aKey, "id_b", i, "mu", mu, "sigma", sigma, "n", n));
                for (int j = 0; j < n; j++) {
                    cRows.add(row(aKey, "id_b", i, "id_c", j, "value", mu + sigma * r.nextGaussian()));
                }
                Map<String, Object> dRow = row(aKey, "id_d", i);
                dRow.putAll(lKeys.get(r.nextInt(lKeys.size())));
                dRows.add(dRow);
            }
        }
        b.insert(bRows, InsertOption.ALLOW_DIRECT_INSERT);
        c.insert(cRows);
        d.insert(dRows, InsertOption.ALLOW_DIRECT_INSERT);
        List<Map<String, Object>> e = new ArrayList<>();
        List<Map<String, Object>> f = new ArrayList<>();
        List<Map<String, Object>> g = new ArrayList<>();
        List<Map<String, Object>> h = new ArrayList<>();
        List<Map<String, Object>> m = new ArrayList<>();
        for (Map<String, Object> key : b.proj().join(d.proj()).fetch()) {
            Random r = new Random(key.toString().hashCode());
            Map<String, Object> eRow = new LinkedHashMap<>(key);
            eRow.putAll(lKeys.get(r.nextInt(lKeys.size())));
            e.add(eRow);
            List<Map<String, Object>> references = new ArrayList<>(c.restrict(key).fetchKeys());
            Collections.shuffle(references, r);
            for (int i = 0; i < references.size(); i++) {
                if (r.nextBoolean()) {
                    Map<String, Object> fRow = row(key, "id_f", i);
                    fRow.putAll(references.get(i));
                    f.add(fRow);
                }
            }
            for (int i = 0; i < lKeys.size(); i++) {
                Map<String, Object> gRow = row(key, "id_g", i);
                gRow.putAll(lKeys.get(i));
                g.add(gRow);
            }
            for (int i = 0; i < 4; i++) {
                h.add(row(key, "id_h", i));
            }
            for (int i = 0; i < 4; i++) {
                m.add(row(key, "id_m", i, "id_h", r.nextInt(4)));
            }
        }
        table("E").insert(e, InsertOption.ALLOW_DIRECT_INSERT);
        table("E.F").insert(f);
        table("E.G").insert(g);
        table("E.H").insert(h);
        table("E.M").insert(m);
        table("G").insert(table("E").proj(), InsertOption.ALLOW_DIRECT_INSERT);
    }

    static Map<String, Object> row(Map<String, Object> base, Object... pairs) {
        Map<String, Object> row = new LinkedHashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            row.put((String) pairs[i], pairs[i + 1]);
        }
        return row;
    }
}
