package org.dovetail.internal.declare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dovetail.DovetailException;
import org.dovetail.schema.Tier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TableNamesTest {
    @ParameterizedTest
    @CsvSource({"AllGroups,all_groups", "TTest,t_test", "IJ,i_j", "SelectPK,select_p_k", "TTestUpdate,t_test_update",
            "Table2B,table2_b", "Type,type", "ABC,a_b_c", "URLs,u_r_ls"})
    void classNamesBecomeSnakeCase(String className, String sqlName) {
        assertThat(TableNames.toSnakeCase(className)).isEqualTo(sqlName);
    }

    @ParameterizedTest
    @CsvSource({"all_groups,AllGroups", "#subject,Subject", "__b__c,BC", "this_is_a_sample_case,ThisIsASampleCase",
            "This_is_Mixed,ThisIsMixed", "table2_b,Table2B", "table_2,Table_2", "hello,Hello", "a_b_c,ABC", "u_r_ls,URLs"})
    void sqlNamesBecomeCamelCase(String sqlName, String className) {
        assertThat(TableNames.toCamelCase(sqlName)).isEqualTo(className);
    }

    @ParameterizedTest
    @ValueSource(strings = {"All_Groups", "All_Groups_", "_AllGroups", "allGroups", "repNames", "10_all", "hello world",
            "#baisc_names", "alphaBeta", "TestΣ", ""})
    void nonCamelCaseNamesAreRejected(String name) {
        assertThat(TableNames.isCamelCase(name)).isFalse();
        assertThatThrownBy(() -> TableNames.toSnakeCase(name)).isInstanceOf(DovetailException.class)
                .hasMessageContaining("must be alphanumeric in CamelCase");
    }

    @ParameterizedTest
    @CsvSource({"#outfit_launch__outfit_piece,OutfitLaunch.OutfitPiece", "__e__m,E.M", "#t_test_update,TTestUpdate",
            "test_table,TestTable", "_trial__condition,Trial.Condition"})
    void classNamesOfExistingTables(String sqlName, String className) {
        assertThat(TableNames.className(sqlName)).isEqualTo(className);
    }

    @ParameterizedTest
    @CsvSource({"subject,MANUAL", "#subject,LOOKUP", "_experiment,IMPORTED", "__filter,COMPUTED", "_trial__condition,PART",
            "#outfit_launch__outfit_piece,PART", "__b__c,PART", "profile__website,PART"})
    void tiersFromNames(String sqlName, Tier tier) {
        assertThat(Tier.ofSqlName(sqlName)).contains(tier);
    }

    @ParameterizedTest
    @ValueSource(strings = {"~log", "~jobs", "~external_raw", "table_2", "Upper", "___x"})
    void namesOfNoTier(String sqlName) {
        assertThat(Tier.ofSqlName(sqlName)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"_trial__condition,_trial", "#outfit_launch__outfit_piece,#outfit_launch", "__e__m,__e"})
    void mastersOfParts(String part, String master) {
        assertThat(Tier.masterOf(part)).contains(master);
    }

    @org.junit.jupiter.api.Test
    void tierPrefixes() {
        assertThat(Tier.LOOKUP.sqlName("Subject")).isEqualTo("#subject");
        assertThat(Tier.IMPORTED.sqlName("Experiment")).isEqualTo("_experiment");
        assertThat(Tier.COMPUTED.sqlName("Filter")).isEqualTo("__filter");
        assertThat(Tier.MANUAL.sqlName("Subject")).isEqualTo("subject");
        assertThat(TableNames.partSqlName("_trial", "Condition")).isEqualTo("_trial__condition");
    }
}
