package cn.fengtai.pool.query.appeal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Appeal counts of a period against the same period a year earlier, per street and issue type and in total. */
public final class AppealTrends {

    public record Row(String street, String issueType, String period, long count, long previousCount,
                      BigDecimal change) {
    }

    public record Total(long count, long previousCount, BigDecimal change) {
    }

    public record Answer(List<Row> rows, Total total) {
    }

    /** A recorded count, as the trend needs it. */
    public record Volume(String street, String issueType, String month, int count) {
    }

    private AppealTrends() {
    }

    public static Answer of(Period period, Collection<Volume> volumes) {
        Set<String> current = Set.copyOf(period.monthCodes());
        Set<String> previous = Set.copyOf(period.yearBefore().monthCodes());
        Map<String, long[]> sums = new TreeMap<>();
        for (Volume v : volumes) {
            int slot = current.contains(v.month()) ? 0 : previous.contains(v.month()) ? 1 : -1;
            if (slot >= 0) {
                sums.computeIfAbsent(v.street() + "\u0000" + v.issueType(), k -> new long[2])[slot] += v.count();
            }
        }
        List<Row> rows = new ArrayList<>();
        long total = 0;
        long totalPrevious = 0;
        for (Map.Entry<String, long[]> e : sums.entrySet()) {
            String[] key = e.getKey().split("\u0000");
            long[] sum = e.getValue();
            rows.add(new Row(key[0], key[1], period.label(), sum[0], sum[1], change(sum[0], sum[1])));
            total += sum[0];
            totalPrevious += sum[1];
        }
        rows.sort(Comparator.comparing(Row::street).thenComparing(Row::issueType));
        return new Answer(rows, new Total(total, totalPrevious, change(total, totalPrevious)));
    }

    /** The relative change, e.g. -0.4713 for 261 to 138; null when there is nothing to compare with. */
    static BigDecimal change(long count, long previousCount) {
        if (previousCount == 0) {
            return null;
        }
        return BigDecimal.valueOf(count - previousCount).divide(BigDecimal.valueOf(previousCount), 4, RoundingMode.HALF_UP);
    }
}
