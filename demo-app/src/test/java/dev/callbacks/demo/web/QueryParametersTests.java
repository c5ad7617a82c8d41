package dev.callbacks.demo.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The 400 answer to an undecodable query names the parameter at fault. */
class QueryParametersTests {

    @Test
    void namesTheFirstParameterWhoseValueIsNotUtf8() {
        assertThat(QueryParameters.firstUndecodable("mode=agent&input=%FF&other=%FE")).hasValue("input");
        assertThat(QueryParameters.firstUndecodable("input=%E2%82")).as("a truncated sequence").hasValue("input");
        assertThat(QueryParameters.firstUndecodable("in%70ut=%C0%AF")).as("an overlong encoding, name decoded")
            .hasValue("input");
    }

    @Test
    void findsNothingWhenEveryValueDecodes() {
        assertThat(QueryParameters.firstUndecodable("input=caf%C3%A9+au+lait&empty=&flag")).isEmpty();
        assertThat(QueryParameters.firstUndecodable("input=100%")).as("a lone percent sign is kept as text").isEmpty();
        assertThat(QueryParameters.firstUndecodable(null)).isEmpty();
    }
}
