package io.jenkins.plugins.awsrole.engine.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrictJsonTest {

    @Test
    void readsEveryKindOfValue() throws Exception {
        Object value = StrictJson.parse(
                " {\"s\": \"a\\\"b\\\\c\\/\\n\\u00e9\", \"n\": -1.5e+3, \"z\": 0, \"t\": true, \"f\": false,"
                        + " \"x\": null, \"a\": [1, [], {}]} ");
        assertThat(value).isInstanceOf(Map.class);
        Map<?, ?> object = (Map<?, ?>) value;
        assertThat(object.get("s")).isEqualTo("a\"b\\c/\né");
        assertThat(object.get("n")).isEqualTo("-1.5e+3");
        assertThat(object.get("t")).isEqualTo(true);
        assertThat(object.get("f")).isEqualTo(false);
        assertThat(object.containsKey("x")).isTrue();
        assertThat(object.get("a")).isEqualTo(List.of("1", List.of(), Map.of()));
        assertThat(List.copyOf(object.keySet())).isEqualTo(List.of("s", "n", "z", "t", "f", "x", "a"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''|end of text",
                "{|end of text",
                "{\"a\": 1,}|trailing commas",
                "[1, 2,]|trailing commas",
                "{'a': 1}|expected a key in double quotes",
                "['a']|single quotes",
                "{\"a\": 1} x|after the end",
                "{\"a\": 1 \"b\": 2}|expected ',' or '}'",
                "[1 2]|expected ',' or ']'",
                "{\"a\" 1}|expected ':'",
                "{\"a\": 1, \"a\": 2}|appears twice",
                "{\"a\": 01}|leading zeros",
                "{\"a\": 1.}|digits after '.'",
                "{\"a\": 1e}|exponent",
                "{\"a\": -}|needs digits",
                "{\"a\": tru}|unexpected 't'",
                "{\"a\": \"x\\q\"}|not a JSON escape",
                "{\"a\": \"\\u12g4\"}|four hex digits",
                "{\"a\": \"open|never closed",
                "// comment|unexpected '/'",
            })
    void refusesWhatIsNotStrictJson(String text, String expected) {
        assertThatThrownBy(() -> StrictJson.parse(text))
                .isInstanceOf(StrictJson.SyntaxError.class)
                .hasMessageContaining(expected);
    }

    @Test
    void namesLineAndColumn() {
        assertThatThrownBy(() -> StrictJson.parse("{\n  \"a\": 1,\n  \"b\": ,\n}"))
                .hasMessageStartingWith("Line 3, column 8:");
    }

    @Test
    void refusesControlCharactersInStrings() {
        assertThatThrownBy(() -> StrictJson.parse("\"a\nb\"")).hasMessageContaining("control character");
    }

    @Test
    void refusesAbsurdNesting() {
        String deep = "[".repeat(100) + "]".repeat(100);
        assertThatThrownBy(() -> StrictJson.parse(deep)).hasMessageContaining("nesting");
    }

    @Test
    void packsWhitespaceOutsideStringsOnly() {
        assertThat(StrictJson.pack("{ \"a b\" : [ 1 ,\n\t2 ] ,\r\n \"c\\\" d\": \"e \" }"))
                .isEqualTo("{\"a b\":[1,2],\"c\\\" d\":\"e \"}");
    }
}
