/* The C ABI from C: every function, NULL, invalid UTF-8, an empty string, a 1 MiB input and
 * 8 threads at once. Built with gcc against include/numauth.h and the cdylib, run under
 * valgrind by scripts/ci/ffi.sh. Ends with "c: N passed, M failed".
 *
 * readme_snippet.c is the README's C example, extracted from README.md at test time. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numauth.h"
#include "readme_snippet.c"

static int passed, failed;

#define CHECK(cond)                                                              \
    do {                                                                         \
        if (cond) {                                                              \
            passed++;                                                            \
        } else {                                                                 \
            failed++;                                                            \
            fprintf(stderr, "FAILED %s:%d: %s\n", __FILE__, __LINE__, #cond);    \
        }                                                                        \
    } while (0)

static const char *ANDROID =
    "{\"code\":\"600011\",\"msg\":\"获取token失败\",\"requestCode\":0,\"requestId\":\"0b6f3a1e\","
    "\"vendorName\":\"cm_zyhl\",\"carrierFailedResultData\":"
    "\"{\\\"resultCode\\\":\\\"103119\\\",\\\"desc\\\":\\\"appid不存在\\\"}\"}";

static int contains(const char *s, const char *needle) {
    return s != NULL && needle != NULL && strstr(s, needle) != NULL;
}

static void test_version_and_lookup(void) {
    const char *v = numauth_catalog_version();
    CHECK(v != NULL && v[0] != '\0');
    CHECK(numauth_catalog_version() == v); /* static, the same every time */

    NumauthLookup ids;
    memset(&ids, 0, sizeof ids);
    CHECK(numauth_lookup("cmcc", "103119", &ids) == NUMAUTH_STATUS_OK);
    CHECK(ids.outcome && strcmp(ids.outcome, "invalid_configuration") == 0);
    CHECK(ids.category && strcmp(ids.category, "failure") == 0);
    CHECK(ids.actor && strcmp(ids.actor, "developer") == 0);
    CHECK(ids.action && strcmp(ids.action, "fix_configuration") == 0);
    CHECK(!ids.retryable);
    CHECK(numauth_last_error() == NULL);

    CHECK(numauth_lookup("pns", "600015", &ids) == NUMAUTH_STATUS_OK && ids.retryable);
    CHECK(numauth_lookup("pns", "999999", &ids) == NUMAUTH_STATUS_NOT_FOUND);
    CHECK(contains(numauth_last_error(), "999999"));
    CHECK(numauth_lookup("cmc", "103119", &ids) == NUMAUTH_STATUS_INVALID_ID);
    CHECK(contains(numauth_last_error(), "expected one of"));
    CHECK(numauth_lookup("", "103119", &ids) == NUMAUTH_STATUS_INVALID_ID);
}

static void test_null_and_utf8(void) {
    NumauthLookup ids;
    char *json = (char *)1; /* must be reset to NULL on failure */
    CHECK(numauth_lookup(NULL, "103119", &ids) == NUMAUTH_STATUS_NULL_ARGUMENT);
    CHECK(contains(numauth_last_error(), "source is NULL"));
    CHECK(numauth_lookup("cmcc", NULL, &ids) == NUMAUTH_STATUS_NULL_ARGUMENT);
    CHECK(numauth_lookup("cmcc", "103119", NULL) == NUMAUTH_STATUS_NULL_ARGUMENT);
    CHECK(numauth_normalize(NULL, &json) == NUMAUTH_STATUS_NULL_ARGUMENT && json == NULL);
    CHECK(numauth_normalize(ANDROID, NULL) == NUMAUTH_STATUS_NULL_ARGUMENT);
    CHECK(numauth_explain(NULL, NULL, &json) == NUMAUTH_STATUS_NULL_ARGUMENT);
    CHECK(numauth_explain("600011", NULL, NULL) == NUMAUTH_STATUS_NULL_ARGUMENT);
    numauth_string_free(NULL); /* ignored */

    const char bad[] = {'6', '0', (char)0xff, (char)0xfe, '1', 0};
    CHECK(numauth_lookup("pns", bad, &ids) == NUMAUTH_STATUS_INVALID_UTF8);
    CHECK(contains(numauth_last_error(), "not valid UTF-8"));
    json = (char *)1;
    CHECK(numauth_normalize(bad, &json) == NUMAUTH_STATUS_INVALID_UTF8 && json == NULL);
    CHECK(numauth_normalize_with("600011", bad, NULL, &json) == NUMAUTH_STATUS_INVALID_UTF8);
    CHECK(numauth_explain(bad, NULL, &json) == NUMAUTH_STATUS_INVALID_UTF8);
    /* A cut UTF-8 sequence (the first two bytes of 获). */
    const char cut[] = {'{', (char)0xe8, (char)0x8e, 0};
    CHECK(numauth_normalize(cut, &json) == NUMAUTH_STATUS_INVALID_UTF8);
}

static void test_normalize(void) {
    char *json = NULL;
    CHECK(numauth_normalize(ANDROID, &json) == NUMAUTH_STATUS_OK);
    CHECK(contains(json, "\"source\":\"pns\""));
    CHECK(contains(json, "\"outcome\":\"invalid_configuration\""));
    CHECK(contains(json, "\"root_cause\":{\"source\":\"cmcc\",\"code\":\"103119\""));
    CHECK(contains(json, "\"carrier\":\"cmcc\""));
    CHECK(numauth_last_error() == NULL);
    numauth_string_free(json);

    json = NULL;
    CHECK(numauth_normalize("{\"code\":\"600099\"}", &json) == NUMAUTH_STATUS_OK);
    CHECK(contains(json, "\"known\":false") && contains(json, "\"code\":\"600099\""));
    numauth_string_free(json);

    json = (char *)1;
    CHECK(numauth_normalize("", &json) == NUMAUTH_STATUS_PARSE_FAILED && json == NULL);
    CHECK(contains(numauth_last_error(), "empty input"));
    CHECK(numauth_normalize("hello", &json) == NUMAUTH_STATUS_PARSE_FAILED);
    CHECK(contains(numauth_last_error(), "no result code"));

    /* Hints: a source overrides detection; a bad platform id is an error. */
    json = NULL;
    CHECK(numauth_normalize_with("600001", "fusion", NULL, &json) == NUMAUTH_STATUS_OK);
    CHECK(contains(json, "\"source\":\"fusion\""));
    numauth_string_free(json);
    json = NULL;
    CHECK(numauth_normalize_with("{\"code\":\"600004\"}", NULL, "web", &json) == NUMAUTH_STATUS_OK);
    CHECK(contains(json, "\"source\":\"pns_web\""));
    numauth_string_free(json);
    CHECK(numauth_normalize_with("600001", NULL, "symbian", &json) == NUMAUTH_STATUS_INVALID_ID);
    CHECK(contains(numauth_last_error(), "symbian"));
}

static void test_explain(void) {
    char *json = NULL;
    CHECK(numauth_explain("600001", NULL, &json) == NUMAUTH_STATUS_OK);
    CHECK(json && json[0] == '[');
    CHECK(contains(json, "\"source\":\"pns\"") && contains(json, "\"source\":\"fusion\""));
    numauth_string_free(json);
    json = NULL;
    CHECK(numauth_explain("600001", "fusion", &json) == NUMAUTH_STATUS_OK);
    CHECK(contains(json, "\"source\":\"fusion\"") && !contains(json, "\"source\":\"pns\""));
    numauth_string_free(json);
    json = (char *)1;
    CHECK(numauth_explain("no such code", NULL, &json) == NUMAUTH_STATUS_NOT_FOUND && json == NULL);
    CHECK(numauth_explain("600001", "nope", &json) == NUMAUTH_STATUS_INVALID_ID);
    CHECK(numauth_explain("", NULL, &json) == NUMAUTH_STATUS_NOT_FOUND);
}

static void test_one_mebibyte(void) {
    size_t n = 1 << 20;
    char *big = malloc(n + 1);
    memcpy(big, "{\"code\":\"600011\",\"pad\":\"", 24);
    memset(big + 24, 'x', n - 26);
    memcpy(big + n - 2, "\"}", 3);
    char *json = (char *)1;
    CHECK(numauth_normalize(big, &json) == NUMAUTH_STATUS_PARSE_FAILED && json == NULL);
    CHECK(contains(numauth_last_error(), "over the limit"));
    CHECK(numauth_explain(big, NULL, &json) == NUMAUTH_STATUS_NOT_FOUND);
    NumauthLookup ids;
    CHECK(numauth_lookup("pns", big, &ids) == NUMAUTH_STATUS_NOT_FOUND);
    free(big);
}

static void test_readme_snippet(void) {
    CHECK(readme_example() == 0);
    CHECK(explain_callback(ANDROID) == 0);
    CHECK(explain_callback("") == -1);
}

/* ---- 8 threads normalising at once ---- */

#define THREADS 8
#define ROUNDS 300
static const char *INPUTS[] = {
    NULL, /* ANDROID, set in main */
    "{\"code\":\"600008\",\"msg\":\"蜂窝网络未开启\",\"requestId\":\"r-2\"}",
    "{msg: 获取token失败, code: 600011, carrierFailedResultData: {\"resultCode\":\"103119\"}}",
    "{\"error_code\":\"IDAAS.SDK.LOGIN.1003\",\"error_msg\":\"用户因多次登录失败已被锁定，将在4分30秒后解锁\"}",
    "code:1105msg:参数信息错误",
};
#define NINPUTS (sizeof INPUTS / sizeof INPUTS[0])
static char *expected[NINPUTS];

struct worker { int id; int mismatches; };

static void *work(void *arg) {
    struct worker *w = arg;
    char own_code[32];
    snprintf(own_code, sizeof own_code, "no-such-code-%d", w->id);
    for (int i = 0; i < ROUNDS; i++) {
        size_t k = (size_t)(i + w->id) % NINPUTS;
        char *json = NULL;
        if (numauth_normalize(INPUTS[k], &json) != NUMAUTH_STATUS_OK || strcmp(json, expected[k]) != 0)
            w->mismatches++;
        numauth_string_free(json);
        /* Each thread's last error is its own. */
        if (numauth_explain(own_code, NULL, &json) != NUMAUTH_STATUS_NOT_FOUND ||
            !contains(numauth_last_error(), own_code))
            w->mismatches++;
    }
    return NULL;
}

static void test_threads(void) {
    INPUTS[0] = ANDROID;
    for (size_t k = 0; k < NINPUTS; k++)
        CHECK(numauth_normalize(INPUTS[k], &expected[k]) == NUMAUTH_STATUS_OK);
    pthread_t threads[THREADS];
    struct worker workers[THREADS];
    for (int t = 0; t < THREADS; t++) {
        workers[t] = (struct worker){t, 0};
        CHECK(pthread_create(&threads[t], NULL, work, &workers[t]) == 0);
    }
    for (int t = 0; t < THREADS; t++) {
        CHECK(pthread_join(threads[t], NULL) == 0);
        CHECK(workers[t].mismatches == 0);
    }
    for (size_t k = 0; k < NINPUTS; k++)
        numauth_string_free(expected[k]);
}

/* Errors repeat what was passed as the outputs would show it: a phone number redacted, a long
 * argument cut (a red-team run got a 1 MiB id back in full). */
static void test_errors_redact_and_cut(void) {
    NumauthLookup ids;
    CHECK(numauth_lookup("pns", "13812345678", &ids) == NUMAUTH_STATUS_NOT_FOUND);
    CHECK(contains(numauth_last_error(), "<redacted phone: 11 chars>"));
    CHECK(!contains(numauth_last_error(), "13812345678"));
    size_t n = 100000;
    char *long_id = malloc(n + 1);
    memset(long_id, 'x', n);
    long_id[n] = '\0';
    CHECK(numauth_lookup(long_id, "600011", &ids) == NUMAUTH_STATUS_INVALID_ID);
    CHECK(numauth_last_error() != NULL && strlen(numauth_last_error()) < 2000);
    free(long_id);
}

/* Calls made while a thread or the process ends: a pthread key's destructor, then an atexit
 * handler. Before, the last-error slot was gone there and the process aborted (exit 134). */
static pthread_key_t exit_key;

static void call_while_ending(void *unused) {
    (void)unused;
    char *json = NULL;
    if (numauth_normalize("{\"code\":\"600011\"}", &json) == NUMAUTH_STATUS_OK)
        numauth_string_free(json);
    (void)numauth_normalize("not a callback", &json);
    (void)numauth_last_error();
}

static void at_exit(void) {
    call_while_ending(NULL);
    printf("atexit: the calls made while the process ends returned\n");
}

static void *ending_thread(void *unused) {
    (void)unused;
    pthread_setspecific(exit_key, (void *)1);
    char *json = NULL;
    (void)numauth_normalize("not a callback", &json); /* this thread's last error is set */
    return NULL;
}

static void test_calls_while_ending(void) {
    CHECK(pthread_key_create(&exit_key, call_while_ending) == 0);
    pthread_t t;
    CHECK(pthread_create(&t, NULL, ending_thread, NULL) == 0);
    CHECK(pthread_join(t, NULL) == 0); /* the destructor ran, and the process is still here */
    CHECK(atexit(at_exit) == 0);
}

int main(void) {
    test_version_and_lookup();
    test_errors_redact_and_cut();
    test_calls_while_ending();
    test_null_and_utf8();
    test_normalize();
    test_explain();
    test_one_mebibyte();
    test_readme_snippet();
    test_threads();
    printf("c: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
