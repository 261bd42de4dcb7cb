package io.newmankeyvault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The named fields of a body as written: JSON (as Postman holds it), XML, urlencoded. */
class BodyFieldsTest {
  @Test
  void jsonFieldsAtAnyDepthWithTemplatesAndCommentsAround() {
    String body =
        """
        {
          "version": {{version}},
          // a comment Postman allows
          "data": {"user": {"email": "a@example.org", "password": "Summer2024!"}},
          "note": "quote \\" and \\u0041"
        }
        """;
    assertThat(BodyFields.of(body, name -> true))
        .extracting(BodyFields.Field::name, BodyFields.Field::value)
        .containsExactly(
            tuple("email", "a@example.org"),
            tuple("password", "Summer2024!"),
            tuple("note", "quote \" and A"));
  }

  @Test
  void xmlElementsByTheirLocalNameAndUrlencodedPairs() {
    assertThat(
            BodyFields.of(
                "<soap:Header><sec:UsernameToken><sec:Password>p&amp;ss1</sec:Password>"
                    + "<ClientSecret> s3cr3t </ClientSecret></sec:UsernameToken></soap:Header>",
                name -> !name.equals("UsernameToken")))
        .extracting(BodyFields.Field::name, BodyFields.Field::value)
        .containsExactly(tuple("Password", "p&ss1"), tuple("ClientSecret", "s3cr3t"));
    assertThat(BodyFields.of("grant_type=password&username=u&password=a%2Bb", name -> true))
        .extracting(BodyFields.Field::name, BodyFields.Field::value)
        .containsExactly(
            tuple("grant_type", "password"), tuple("username", "u"), tuple("password", "a+b"));
    assertThat(BodyFields.of("just some text = not a form", name -> true)).isEmpty();
  }

  @Test
  void aBodyFieldIsFoundWhereItIsAndATokenShapeOnlyOnce() {
    Detector detector = new Detector(Set.of(), 4.0);
    detector.body(
        () -> "b",
        1,
        "{\"password\": \"Summer2024!\", \"secret\": \"PMAK-"
            + "74bf20f876ffc474c0251908-fcdce4b314f68d9dcbd7a085a368932ff2\","
            + " \"token\": \"{{token}}\", \"signature\": \"Mary Doe\"}");
    assertThat(detector.hits())
        .extracting(hit -> hit.rule() + " " + hit.location().get() + " " + hit.severity())
        .containsExactlyInAnyOrder("TOKEN_POSTMAN b HIGH", "BODY_FIELD b[password] MEDIUM");
  }
}
