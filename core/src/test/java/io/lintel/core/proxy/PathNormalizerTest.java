package io.lintel.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The normalisation corpus: request-target as received → what routing and the backend see. */
class PathNormalizerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # dot segments (RFC 3986 section 5.2.4)
            /public/../admin/x          | /admin/x
            /public/./x                 | /public/x
            /a/b/c/./../../g            | /a/g
            /a/b/..                     | /a/
            /a/b/.                      | /a/b/
            /a/.                        | /a/
            /.                          | /
            /..                         | /
            /../x                       | /x
            /../../../etc/passwd        | /etc/passwd
            /a/../../b                  | /b
            /a/b/../../..               | /
            # percent-encoded dots are dots (unreserved characters are decoded first, section 6.2.2.2)
            /public/%2e%2e/admin        | /admin
            /public/%2E%2E/admin        | /admin
            /public/.%2e/admin          | /admin
            /public/%2e./admin          | /admin
            /public/%2e/x               | /public/x
            /%2e%2e/x                   | /x
            # other unreserved characters are decoded too
            /%7Euser/%41%62c            | /~user/Abc
            /a%2Db%5Fc                  | /a-b_c
            # repeated slashes merge
            //x                         | /x
            /a//b///c                   | /a/b/c
            /a//../b                    | /b
            /a/b//                      | /a/b/
            # encoded slashes and backslashes are kept and are no separators (KEEP_UNCHANGED)
            /a%2F..%2Fb                 | /a%2F..%2Fb
            /a%2f..%2fb                 | /a%2f..%2fb
            /public/..%2Fadmin          | /public/..%2Fadmin
            /a%5C..%5Cb                 | /a%5C..%5Cb
            /a%2F%2E%2E%2Fb             | /a%2F..%2Fb
            # reserved and non-ASCII encodings stay exactly as received, hex case included
            /a%20b/%3f/%c3%a9           | /a%20b/%3f/%c3%a9
            /a%2e%20b                   | /a.%20b
            # the query is never touched
            /public/../x?p=/../a&q=//b  | /x?p=/../a&q=//b
            /a/?../b                    | /a/?../b
            /a?%2e%2e                   | /a?%2e%2e
            /a/./b?                     | /a/b?
            # not dot segments
            /a/...                      | /a/...
            /a/.b/..c/c..               | /a/.b/..c/c..
            # incomplete percent-encodings are left alone
            /a%2                        | /a%2
            /a%zz/../b                  | /b
            /a/%                        | /a/%
            """)
    void normalizes(String target, String expected) {
        assertThat(PathNormalizer.normalize(target)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"/", "/a", "/a/b/", "/a.b/c..d/...", "/a?x=/../y", "/a%2Fb", "/%C3%A9", "/a?b=//c"})
    void leavesNormalPathsAsTheSameInstance(String target) {
        assertThat(PathNormalizer.normalize(target)).isSameAs(target);
    }

    @Test
    void normalisesAgainToTheSamePath() {
        for (String target : new String[] {"/a/%2e%2e/%2e%2e/b", "/%2e%2e%2f..", "/a/..//../b/."}) {
            String once = PathNormalizer.normalize(target);
            assertThat(PathNormalizer.normalize(once)).isEqualTo(once);
        }
    }
}
