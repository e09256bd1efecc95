package cn.fengtai.pool.standalone;

import cn.fengtai.pool.events.reference.ReferenceCodes;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case's two lists as the district's spreadsheets would hold them, generated (no real project or person): the
 * first batch of 355 projects (改善居住条件 87, 保障公共安全 96, 营造宜居环境 111, 方便市民出行 61), the 341 of them
 * completed in the first half year (83, 91, 106, 61; every project of 19 streets), and the second batch's 88 new
 * projects, which with the first batch's 14 unfinished ones make its 102 (34, 32, 22, 14). The public page's browser
 * test loads them through the spreadsheet import. Written with {@code -Dsamples.write=true}; this test keeps the
 * committed files equal to what the generator writes, and the generator to the case's figures.
 */
class CaseListsTest {

    static final Path FOLDER = Path.of("..", "docs", "samples", "case");
    static final Path FIRST = FOLDER.resolve("first-batch.csv");
    static final Path COMPLETED = FOLDER.resolve("first-batch-completed.csv");
    static final Path SECOND = FOLDER.resolve("second-batch.csv");

    private static final String[] CATEGORIES = {"HOUSING", "PUBLIC_SAFETY", "LIVABLE_ENVIRONMENT", "CONVENIENT_TRAVEL"};
    private static final int[] FIRST_COUNTS = {87, 96, 111, 61};
    private static final int[] UNFINISHED = {4, 5, 5, 0};
    private static final int[] SECOND_NEW = {30, 27, 17, 14};
    private static final Map<String, List<String[]>> WORK = Map.of(
            "HOUSING", List.of(new String[]{"老旧小区屋面防水修缮", "HOUSE_LEAK", "屋面防水；外墙修补"},
                    new String[]{"楼内上下水管线更换", "PIPELINE_RENOVATION", "更换立管；恢复路面"},
                    new String[]{"化粪池及下水道疏通改造", "SEWER_BACKFLOW", "管道疏通；井盖更换"}),
            "PUBLIC_SAFETY", List.of(new String[]{"电动自行车集中充电设施建设", "EBIKE_MANAGEMENT", "建充电棚；拆除飞线"},
                    new String[]{"违法建设拆除及消防通道整治", "ILLEGAL_CONSTRUCTION", "拆除违建；施划消防通道"},
                    new String[]{"楼道堆物清理及消防设施更新", "ENVIRONMENT_CLEANUP", "清理堆物；更换灭火器"}),
            "LIVABLE_ENVIRONMENT", List.of(new String[]{"社区环境综合整治", "ENVIRONMENT_CLEANUP", "清理垃圾；补种绿地"},
                    new String[]{"社区健身休闲设施建设", "PUBLIC_FACILITIES", "安装健身器材；设置座椅"},
                    new String[]{"背街小巷路面修缮", "ROAD_REPAIR", "修补路面；完善照明"}),
            "CONVENIENT_TRAVEL", List.of(new String[]{"小区停车秩序治理", "PARKING", "施划车位；错时共享停车"},
                    new String[]{"共享单车停放治理", "BICYCLE_MANAGEMENT", "施划停放区；清理僵尸车"},
                    new String[]{"社区道路坑洼修补", "ROAD_REPAIR", "修补坑洼；施划标线"}));
    private static final String[] CHANNELS = {"上门问", "微信说", "意见箱", "12345热线"};

    @Test
    void theCaseListsAreTheCasesFigures() throws IOException {
        Lists lists = generate();
        if (Boolean.getBoolean("samples.write")) {
            Files.createDirectories(FOLDER);
            Files.writeString(FIRST, lists.first, StandardCharsets.UTF_8);
            Files.writeString(COMPLETED, lists.completed, StandardCharsets.UTF_8);
            Files.writeString(SECOND, lists.second, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(FIRST, StandardCharsets.UTF_8)).isEqualTo(lists.first);
        assertThat(Files.readString(COMPLETED, StandardCharsets.UTF_8)).isEqualTo(lists.completed);
        assertThat(Files.readString(SECOND, StandardCharsets.UTF_8)).isEqualTo(lists.second);
        assertThat(rows(lists.first)).isEqualTo(355);
        assertThat(rows(lists.completed)).isEqualTo(341);
        assertThat(rows(lists.second)).isEqualTo(88);
        for (int c = 0; c < CATEGORIES.length; c++) {
            String name = ReferenceCodes.zh("categories", CATEGORIES[c]);
            assertThat(count(lists.first, "," + name + ",")).as(name).isEqualTo(FIRST_COUNTS[c]);
            assertThat(count(lists.second, "," + name + ",")).as(name).isEqualTo(SECOND_NEW[c]);
        }
        java.util.Set<String> done = new java.util.HashSet<>();
        lists.completed.lines().skip(1).forEach(line -> done.add(line.split(",")[0]));
        long streetsWithUnfinished = lists.first.lines().skip(1).map(line -> line.split(","))
                .filter(cells -> !done.contains(cells[0])).map(cells -> cells[1]).distinct().count();
        assertThat(26 - streetsWithUnfinished).as("the streets that completed every project").isEqualTo(19);
    }

    private static long rows(String csv) {
        return csv.lines().count() - 1;
    }

    private static long count(String csv, String needle) {
        return csv.lines().filter(line -> line.contains(needle)).count();
    }

    record Lists(String first, String completed, String second) {
    }

    static Lists generate() {
        Random random = new Random(2024);
        List<String> streets = new ArrayList<>(ReferenceCodes.streets().keySet());
        StringBuilder first = new StringBuilder("项目编号,街镇,社区,项目名称,项目类别,诉求类型,来源渠道,预计金额（元）,责任单位,完成时限,主要任务\n");
        StringBuilder completed = new StringBuilder("项目编号,街镇,完成,实际金额（元）,说明\n");
        // The unfinished projects: two each on seven streets, so that the other nineteen completed all of theirs.
        List<String> late = new ArrayList<>(streets.subList(0, 7));
        late.addAll(streets.subList(0, 7));
        int lateTaken = 0;
        int n = 0;
        for (int c = 0; c < CATEGORIES.length; c++) {
            for (int i = 0; i < FIRST_COUNTS[c]; i++, n++) {
                boolean unfinished = i < UNFINISHED[c];
                String street = unfinished ? late.get(lateTaken++) : streets.get((n * 7 + 3) % 26);
                String ref = "2024-1-" + String.format("%03d", n + 1);
                long cost = (20 + random.nextInt(480)) * 1000L;
                first.append(row(ref, street, CATEGORIES[c], random, cost, "2024-06-30"));
                if (!unfinished) {
                    long actual = cost - random.nextInt(10) * 1000L;
                    completed.append(String.join(",", ref, ReferenceCodes.streets().get(street), "是", String.valueOf(actual), "按期完成")).append('\n');
                }
            }
        }
        StringBuilder second = new StringBuilder("项目编号,街镇,社区,项目名称,项目类别,诉求类型,来源渠道,预计金额（元）,责任单位,完成时限,主要任务\n");
        n = 0;
        for (int c = 0; c < CATEGORIES.length; c++) {
            for (int i = 0; i < SECOND_NEW[c]; i++, n++) {
                String street = streets.get((n * 11 + 5) % 26);
                second.append(row("2024-2-" + String.format("%03d", n + 1), street, CATEGORIES[c], random,
                        (50 + random.nextInt(950)) * 1000L, "2024-12-31"));
            }
        }
        return new Lists(first.toString(), completed.toString(), second.toString());
    }

    private static String row(String ref, String street, String category, Random random, long cost, String deadline) {
        String[] work = WORK.get(category).get(random.nextInt(3));
        String streetName = ReferenceCodes.streets().get(street);
        String community = streetName.replace("街道", "").replace("地区", "").replace("镇", "") + "第" + (1 + random.nextInt(12)) + "社区";
        return String.join(",", ref, streetName, community, community + work[0], ReferenceCodes.zh("categories", category),
                ReferenceCodes.zh("issue-types", work[1]), CHANNELS[random.nextInt(CHANNELS.length)], String.valueOf(cost),
                streetName, deadline, work[2]) + "\n";
    }
}
