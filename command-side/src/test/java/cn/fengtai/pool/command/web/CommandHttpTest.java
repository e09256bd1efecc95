package cn.fengtai.pool.command.web;

import cn.fengtai.pool.command.CommandSideApplication;
import cn.fengtai.pool.events.ActorMetaData;
import cn.fengtai.pool.events.batch.ProjectListed;
import cn.fengtai.pool.events.project.ProjectCarriedOver;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command endpoint of API.md over real HTTP: its success answer and each kind of refusal. */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:command-http;DB_CLOSE_DELAY=-1",
                "spring.datasource.username=sa", "spring.datasource.password=", "pool.security.demo-accounts=true"})
class CommandHttpTest {

    private static final AtomicInteger BATCHES = new AtomicInteger();

    @Autowired
    Environment environment;
    @Autowired
    EventStore eventStore;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
    @Autowired
    cn.fengtai.pool.command.dispatch.IdempotencyRetention retention;
    Http anonymous;
    Http district;
    Http finance;
    Http office;

    @BeforeEach
    void connect() {
        anonymous = new Http(Integer.parseInt(environment.getProperty("local.server.port")));
        district = anonymous.as("district");
        finance = anonymous.as("finance");
        office = anonymous.as("street.xiluoyuan");
    }

    String newBatch() {
        String id = "2024-" + BATCHES.incrementAndGet();
        assertThat(district.post("/api/batches", "{\"id\":\"" + id + "\",\"name\":\"批次\",\"year\":2024}").status()).isEqualTo(201);
        return id;
    }

    String fileProject() {
        Http.Answer filed = district.post("/api/projects", """
                {"street":"xiluoyuan","community":"西罗园一区","title":"停车秩序治理","category":"CONVENIENT_TRAVEL",
                 "issueTypes":["PARKING"],"channel":"HOTLINE","appealRefs":["12345-2024-001"],"estimatedCost":120000.50,
                 "effectiveDate":"2024-03-01","comment":"集中诉求"}""");
        assertThat(filed.status()).isEqualTo(201);
        return filed.id();
    }

    String approvedProject(String batch) {
        String id = fileProject();
        assertThat(approve(id, batch).status()).isEqualTo(200);
        return id;
    }

    Http.Answer approve(String id, String batch) {
        return district.post("/api/projects/" + id + "/approve", "{\"batch\":\"" + batch
                + "\",\"responsibleUnit\":\"西罗园街道\",\"deadline\":\"2024-06-30\",\"tasks\":[\"施划车位\"]}");
    }

    List<Object> payloads(String aggregateId) {
        return eventStore.readEvents(aggregateId).asStream().map(DomainEventMessage::getPayload).map(p -> (Object) p).toList();
    }

    @Nested
    class Projects {
        @Test
        void filingAnswers201WithLocationAndVersionZero() {
            Http.Answer filed = district.post("/api/projects", """
                    {"street":"changxindian","title":"自行车停放治理","category":"CONVENIENT_TRAVEL",
                     "issueTypes":["BICYCLE_MANAGEMENT"],"channel":"WECHAT","estimatedCost":50000}""");
            assertThat(filed.status()).isEqualTo(201);
            assertThat(filed.version()).isZero();
            assertThat(filed.raw().headers().firstValue("Location")).hasValue("/api/projects/" + filed.id());
            DomainEventMessage<?> event = eventStore.readEvents(filed.id()).asStream().findFirst().orElseThrow();
            assertThat(event.getMetaData()).containsEntry(ActorMetaData.USER, "district")
                    .containsKey("correlationId");
        }

        @Test
        void invalidInputIs400NamingEachFieldAndStoresNothing() {
            Http.Answer refused = district.post("/api/projects", """
                    {"street":"atlantis","title":"","category":"HOUSING","issueTypes":["UFO"],"channel":"HOTLINE",
                     "estimatedCost":-1}""");
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.body().path("errors").findValuesAsString("field"))
                    .contains("street", "title", "issueTypes[0]", "estimatedCost");
        }

        /** A control character would be stored, then changed by a spreadsheet export (XML cannot hold it). */
        @Test
        void controlCharactersInTextAre400ButLineBreaksAreText() {
            Http.Answer bell = district.post("/api/projects", """
                    {"street":"xiluoyuan","title":"bel\\u0007title","category":"HOUSING","issueTypes":["HOUSE_LEAK"],
                     "channel":"HOTLINE","estimatedCost":1,"officeRef":"REF\\u001b"}""");
            assertThat(bell.status()).isEqualTo(400);
            assertThat(bell.body().path("errors").findValuesAsString("field")).contains("title", "officeRef");
            assertThat(district.post("/api/projects", """
                    {"street":"xiluoyuan","title":"两行\\n标题","category":"HOUSING","issueTypes":["HOUSE_LEAK"],
                     "channel":"HOTLINE","estimatedCost":1}""").status()).isEqualTo(201);
        }

        @Test
        void malformedJsonAndWrongTypesAre400() {
            assertThat(district.post("/api/projects", "{\"street\":").status()).isEqualTo(400);
            Http.Answer wrongEnum = district.post("/api/projects", """
                    {"street":"xiluoyuan","title":"t","category":"SPACE","issueTypes":["PARKING"],"channel":"HOTLINE",
                     "estimatedCost":1}""");
            assertThat(wrongEnum.status()).isEqualTo(400);
            assertThat(wrongEnum.body().path("errors").findValuesAsString("field")).containsExactly("category");
            assertThat(district.post("/api/projects", "[]").status()).isEqualTo(400);
        }

        @Test
        void theWholeLifecycleAnswersEachVersion() {
            String batch = newBatch();
            assertThat(finance.post("/api/funds", "{\"id\":\"life-" + batch + "\",\"year\":2024,\"budget\":500000}").status())
                    .isEqualTo(201);
            String id = fileProject();
            assertThat(approve(id, batch).version()).isEqualTo(1);
            assertThat(finance.post("/api/projects/" + id + "/fund", "{\"fund\":\"life-" + batch + "\",\"amount\":100000}")
                    .version()).isEqualTo(2);
            assertThat(office.postWithoutBody("/api/projects/" + id + "/start").version()).isEqualTo(3);
            assertThat(office.post("/api/projects/" + id + "/summon",
                    "{\"departments\":[\"law-enforcement\",\"transport\"],\"note\":\"吹哨\"}").version()).isEqualTo(4);
            assertThat(anonymous.as("dept.transport").post("/api/projects/" + id + "/report-in",
                    "{\"department\":\"transport\",\"commitment\":\"施划标线\"}").version()).isEqualTo(5);
            assertThat(office.post("/api/projects/" + id + "/progress", "{\"percent\":60,\"note\":\"过半\"}").version())
                    .isEqualTo(6);
            assertThat(office.post("/api/projects/" + id + "/complete", "{\"actualCost\":98000,\"summary\":\"新增车位120个\"}")
                    .version()).isEqualTo(7);
            assertThat(district.post("/api/projects/" + id + "/evaluate", "{\"rating\":\"EXCELLENT\",\"note\":\"诉求下降\"}")
                    .version()).isEqualTo(8);
        }

        @Test
        void rejectAndCancelTakeAReason() {
            String rejected = fileProject();
            assertThat(district.post("/api/projects/" + rejected + "/reject", "{\"reason\":\"不属于民生项目\"}").version())
                    .isEqualTo(1);
            String cancelled = fileProject();
            assertThat(district.post("/api/projects/" + cancelled + "/cancel", "{}").status()).isEqualTo(400);
            assertThat(district.post("/api/projects/" + cancelled + "/cancel", "{\"reason\":\"重复申报\"}").version()).isEqualTo(1);
        }

        @Test
        void anIllegalTransitionIs409NamingTheRule() {
            String id = fileProject();
            Http.Answer refused = office.post("/api/projects/" + id + "/complete", "{\"actualCost\":1,\"summary\":\"x\"}");
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.body().path("rule").asString()).isEqualTo("NotStarted");
            assertThat(refused.body().path("detail").asString()).contains("实施中"); // no Accept-Language: the production default, zh-CN
        }

        @Test
        void aBrokenBusinessRuleIs422() {
            String id = approvedProject(newBatch());
            office.postWithoutBody("/api/projects/" + id + "/start");
            office.post("/api/projects/" + id + "/progress", "{\"percent\":50}");
            Http.Answer back = office.post("/api/projects/" + id + "/progress", "{\"percent\":20}");
            assertThat(back.status()).isEqualTo(422);
            assertThat(back.body().path("rule").asString()).isEqualTo("ProgressCannotGoBack");
            Http.Answer notSummoned = anonymous.as("dept.water-affairs").post("/api/projects/" + id + "/report-in",
                    "{\"department\":\"water-affairs\",\"commitment\":\"x\"}");
            assertThat(notSummoned.status()).isEqualTo(422);
        }

        @Test
        void aHugeBodyIs413AndStoresNothing() {
            Http.Answer huge = district.post("/api/projects", "{\"title\":\"" + "x".repeat(300_000) + "\"}");
            assertThat(huge.status()).isEqualTo(413);
            assertThat(huge.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }

        @Test
        void anUnknownProjectIs404AndATrickyIdToo() {
            assertThat(district.post("/api/projects/no-such-project/reject", "{\"reason\":\"x\"}").status()).isEqualTo(404);
            assertThat(district.post("/api/projects/..%2F..%2Fetc/reject", "{\"reason\":\"x\"}").status()).isIn(400, 404);
        }
    }

    @Nested
    class Funding {
        @Test
        void anExhaustedFundIs422AndARefusedProjectKeepsTheFundUntouched() {
            String batch = newBatch();
            String fund = "f-" + batch;
            finance.post("/api/funds", "{\"id\":\"" + fund + "\",\"year\":2024,\"budget\":1000}");
            String id = approvedProject(batch);
            Http.Answer tooMuch = finance.post("/api/projects/" + id + "/fund", "{\"fund\":\"" + fund + "\",\"amount\":1000.01}");
            assertThat(tooMuch.status()).isEqualTo(422);
            assertThat(tooMuch.body().path("rule").asString()).isEqualTo("FundExhausted");

            String rejected = fileProject();
            district.post("/api/projects/" + rejected + "/reject", "{\"reason\":\"x\"}");
            assertThat(finance.post("/api/projects/" + rejected + "/fund", "{\"fund\":\"" + fund + "\",\"amount\":500}").status())
                    .isEqualTo(409);
            assertThat(payloads(fund)).hasSize(1);
            assertThat(finance.post("/api/projects/" + id + "/fund", "{\"fund\":\"" + fund + "\",\"amount\":1000}").status())
                    .isEqualTo(200);
        }

        @Test
        void anUnknownFundIs404AndMoneyHasAtMostTwoDecimals() {
            String id = approvedProject(newBatch());
            assertThat(finance.post("/api/projects/" + id + "/fund", "{\"fund\":\"nope\",\"amount\":1}").status()).isEqualTo(404);
            assertThat(finance.post("/api/projects/" + id + "/fund", "{\"fund\":\"nope\",\"amount\":1.001}").status()).isEqualTo(400);
        }
    }

    @Nested
    class Batches {
        @Test
        void aNewBatchAnswers201WithItsOwnLocation() {
            String batch = "2031-" + java.util.UUID.randomUUID().toString().substring(0, 8);
            Http.Answer created = district.post("/api/batches", "{\"id\":\"" + batch + "\",\"name\":\"x\",\"year\":2031}");
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.raw().headers().firstValue("Location")).hasValue("/api/batches/" + batch);
        }

        @Test
        void aDuplicateBatchIs409() {
            String batch = newBatch();
            assertThat(district.post("/api/batches", "{\"id\":\"" + batch + "\",\"name\":\"x\",\"year\":2024}").status())
                    .isEqualTo(409);
        }

        @Test
        void approvalNeedsAnOpenBatchAndStoresNothingOtherwise() {
            String batch = newBatch();
            assertThat(district.postWithoutBody("/api/batches/" + batch + "/publish").version()).isEqualTo(1);
            String id = fileProject();
            Http.Answer refused = approve(id, batch);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.body().path("rule").asString()).isEqualTo("BatchNotOpen");
            assertThat(payloads(id)).hasSize(1);
            assertThat(approve(id, "2099-9").status()).isEqualTo(404);
        }

        @Test
        void closingCarriesEveryUnfinishedProjectOverOnceEach() {
            String first = newBatch();
            String second = newBatch();
            String unfinished = approvedProject(first);
            String started = approvedProject(first);
            office.postWithoutBody("/api/projects/" + started + "/start");
            String done = approvedProject(first);
            office.postWithoutBody("/api/projects/" + done + "/start");
            office.post("/api/projects/" + done + "/complete", "{\"actualCost\":1,\"summary\":\"完成\"}");
            district.postWithoutBody("/api/batches/" + first + "/publish");

            Http.Answer closed = district.post("/api/batches/" + first + "/close", "{\"carryOverTo\":\"" + second + "\"}");
            assertThat(closed.status()).isEqualTo(200);
            assertThat(payloads(unfinished)).last().isInstanceOf(ProjectCarriedOver.class);
            assertThat(payloads(started)).last().isInstanceOf(ProjectCarriedOver.class);
            assertThat(payloads(done)).noneMatch(ProjectCarriedOver.class::isInstance);
            assertThat(payloads(second)).filteredOn(ProjectListed.class::isInstance).hasSize(2);

            assertThat(district.post("/api/batches/" + first + "/close", "{\"carryOverTo\":\"" + second + "\"}").status())
                    .isEqualTo(409);
            assertThat(payloads(second)).filteredOn(ProjectListed.class::isInstance).hasSize(2);
        }

        @Test
        void aManualCarryOverNeedsAnOpenTarget() {
            String first = newBatch();
            String closedTarget = newBatch();
            district.postWithoutBody("/api/batches/" + closedTarget + "/publish");
            String id = approvedProject(first);
            Http.Answer refused = district.post("/api/projects/" + id + "/carry-over",
                    "{\"toBatch\":\"" + closedTarget + "\",\"reason\":\"汛期\"}");
            assertThat(refused.status()).isEqualTo(409);
            assertThat(payloads(id)).noneMatch(ProjectCarriedOver.class::isInstance);
            String open = newBatch();
            assertThat(district.post("/api/projects/" + id + "/carry-over", "{\"toBatch\":\"" + open + "\",\"reason\":\"汛期\"}")
                    .version()).isEqualTo(2);
        }
    }

    @Nested
    class AppealVolumes {
        @Test
        void firstRecord201ThenCorrection200() {
            String body = "{\"street\":\"xiluoyuan\",\"issueType\":\"PARKING\",\"month\":\"2023-02\",\"count\":%d}";
            Http.Answer first = district.post("/api/appeal-volumes", body.formatted(40));
            assertThat(first.status()).isEqualTo(201);
            Http.Answer correction = district.post("/api/appeal-volumes", body.formatted(44));
            assertThat(correction.status()).isEqualTo(200);
            assertThat(correction.version()).isEqualTo(1);
            assertThat(district.post("/api/appeal-volumes", body.replace("2023-02", "2023-13").formatted(1)).status())
                    .isEqualTo(400);
        }
    }

    @Nested
    class ProblemLanguage {
        @Test
        void aRefusalNamesItsRuleInTypeAndTitleAndSpeaksChineseToWhoAsksForIt() {
            String id = fileProject();
            Http.Answer chinese = office.postIn("zh-CN,zh;q=0.9,en;q=0.5", "/api/projects/" + id + "/progress", "{\"percent\":10}");
            assertThat(chinese.status()).isEqualTo(409);
            assertThat(chinese.body().path("title").asString()).isEqualTo("项目尚未开始实施");
            assertThat(chinese.body().path("type").asString()).isEqualTo("urn:fengtai-pool:rule:NotStarted");
            assertThat(chinese.body().path("rule").asString()).isEqualTo("NotStarted");
            assertThat(chinese.body().path("detail").asString()).isEqualTo("项目 " + id + " 当前为“已申报”，只有实施中的项目才能报告进度");
            assertThat(chinese.raw().headers().firstValue("Content-Language")).hasValue("zh-CN");
            Http.Answer english = office.postIn("en-GB,en;q=0.9,zh;q=0.5", "/api/projects/" + id + "/progress", "{\"percent\":10}");
            assertThat(english.body().path("title").asString()).isEqualTo("NotStarted");
            assertThat(english.body().path("detail").asString()).contains("needs a project in progress");
            assertThat(english.raw().headers().firstValue("Content-Language")).hasValue("en");
            assertThat(office.postIn("%%%", "/api/projects/" + id + "/progress", "{\"percent\":10}").body().path("title").asString())
                    .isEqualTo("NotStarted");
        }

        @Test
        void anotherStreetsOfficeIsToldInChineseWhoMay() {
            String id = fileProject();
            Http.Answer refused = anonymous.as("street.fengtai").postIn("zh-CN", "/api/projects/" + id + "/start", "{}");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body().path("title").asString()).isEqualTo("无权执行此操作");
            assertThat(refused.body().path("detail").asString()).isEqualTo("此操作只能由 xiluoyuan 的街镇办事处执行");
        }

        @Test
        void problemsWithoutARuleNameTheirFieldsInChinese() {
            Http.Answer invalid = office.postIn("zh-CN", "/api/projects", "{\"street\":\"xiluoyuan\"}");
            assertThat(invalid.status()).isEqualTo(400);
            assertThat(invalid.body().path("title").asString()).isEqualTo("输入有误");
            assertThat(invalid.body().path("detail").asString()).startsWith("提交的内容有字段不符合要求（字段：").contains("title");
            assertThat(invalid.body().path("errors").size()).isGreaterThan(1);
            Http.Answer unknown = office.postIn("zh-CN", "/api/projects/nobody/start", "{}");
            assertThat(unknown.body().path("title").asString()).isEqualTo("未找到");
            assertThat(unknown.body().path("detail").asString()).isEqualTo("没有找到所要的内容");
        }
    }

    @Nested
    class Idempotency {
        @Test
        void theSameKeyAndBodyAnswerTheSameAndStoreOnce() {
            String body = """
                    {"street":"yuquanying","title":"社区角环境整治","category":"LIVABLE_ENVIRONMENT",
                     "issueTypes":["ENVIRONMENT_CLEANUP"],"channel":"SUGGESTION_BOX","estimatedCost":30000}""";
            Http.Answer first = district.post("/api/projects", body, "key-env-1");
            Http.Answer again = district.post("/api/projects", body, "key-env-1");
            assertThat(again.status()).isEqualTo(first.status());
            assertThat(again.id()).isEqualTo(first.id());
            assertThat(payloads(first.id())).hasSize(1);
            assertThat(eventStore.readEvents(first.id()).asStream().findFirst().orElseThrow().getMetaData())
                    .containsEntry(ActorMetaData.IDEMPOTENCY_KEY, "key-env-1");
        }

        @Test
        void theSameKeyWithAnotherBodyIs422() {
            String id = fileProject();
            district.post("/api/projects/" + id + "/reject", "{\"reason\":\"a\"}", "key-reject-1");
            Http.Answer other = district.post("/api/projects/" + id + "/reject", "{\"reason\":\"b\"}", "key-reject-1");
            assertThat(other.status()).isEqualTo(422);
            assertThat(district.post("/api/projects/" + id + "/reject", "{\"reason\":\"a\"}", "key-reject-1").version()).isEqualTo(1);
        }

        @Test
        void keysOlderThanTheRetentionAreForgottenAndNewerOnesKept() {
            String body = "{\"id\":\"2031-%d\",\"name\":\"x\",\"year\":2031}";
            district.post("/api/batches", body.formatted(1), "key-old-1");
            district.post("/api/batches", body.formatted(2), "key-new-1");
            jdbc.update("UPDATE command_idempotency SET recorded_at = ? WHERE idempotency_key = 'key-old-1'",
                    java.sql.Timestamp.from(java.time.Instant.now().minus(java.time.Duration.ofDays(8))));

            assertThat(retention.purge()).isEqualTo(1);
            assertThat(jdbc.queryForList("SELECT idempotency_key FROM command_idempotency WHERE idempotency_key LIKE 'key-%-1'",
                    String.class)).doesNotContain("key-old-1").contains("key-new-1");
            // Within the retention the key still answers as before; the forgotten one is a new request (refused: the
            // batch exists), not the old answer.
            assertThat(district.post("/api/batches", body.formatted(2), "key-new-1").status()).isEqualTo(201);
            assertThat(district.post("/api/batches", body.formatted(1), "key-old-1").status()).isEqualTo(409);
        }

        @Test
        void aMalformedKeyIs400() {
            assertThat(district.post("/api/batches", "{\"id\":\"2030-1\",\"name\":\"x\",\"year\":2030}", "x".repeat(200)).status())
                    .isEqualTo(400);
        }
    }
}
