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
import java.util.TreeSet;

/**
 * Appeal counts of a period against the same period a year earlier, per street and issue type and in total. A month
 * without a recorded count is not a zero: each row says how many months of each window are recorded and which are
 * missing, and a change is given only where both windows are recorded in full.
 */
public final class AppealTrends {

    /**
     * {@code months}: the months of the period; {@code recordedMonths} / {@code previousRecordedMonths}: how many of
     * them have a recorded count in the period and a year earlier; {@code missingMonths}: the months of either window
     * without one; {@code change} is null unless none is missing (or the earlier count is 0).
     */
    public record AppealRow(String street, String issueType, String period, long count, long previousCount,
                      BigDecimal change, int months, int recordedMonths, int previousRecordedMonths,
                      List<String> missingMonths) {
    }

    /** {@code change} is null unless every row is complete; {@code incompleteRows} says how many are not. */
    public record Total(long count, long previousCount, BigDecimal change, int incompleteRows) {
    }

    public record AppealsAnswer(List<AppealRow> rows, Total total) {
    }

    /** A recorded count, as the trend needs it. */
    public record Volume(String street, String issueType, String month, int count) {
    }

    private AppealTrends() {
    }

    public static AppealsAnswer of(Period period, Collection<Volume> volumes) {
        List<String> currentMonths = period.monthCodes();
        List<String> previousMonths = period.yearBefore().monthCodes();
        Set<String> current = Set.copyOf(currentMonths);
        Set<String> previous = Set.copyOf(previousMonths);
        Map<String, long[]> sums = new TreeMap<>();
        Map<String, Set<String>> recorded = new TreeMap<>();
        for (Volume v : volumes) {
            int slot = current.contains(v.month()) ? 0 : previous.contains(v.month()) ? 1 : -1;
            if (slot >= 0) {
                String key = v.street() + "\u0000" + v.issueType();
                sums.computeIfAbsent(key, k -> new long[2])[slot] += v.count();
                recorded.computeIfAbsent(key, k -> new TreeSet<>()).add(v.month());
            }
        }
        List<AppealRow> rows = new ArrayList<>();
        long total = 0;
        long totalPrevious = 0;
        int incomplete = 0;
        for (Map.Entry<String, long[]> e : sums.entrySet()) {
            String[] key = e.getKey().split("\u0000");
            long[] sum = e.getValue();
            Set<String> months = recorded.get(e.getKey());
            List<String> missing = new ArrayList<>();
            previousMonths.stream().filter(m -> !months.contains(m)).forEach(missing::add);
            currentMonths.stream().filter(m -> !months.contains(m)).forEach(missing::add);
            int recordedNow = (int) currentMonths.stream().filter(months::contains).count();
            int recordedBefore = (int) previousMonths.stream().filter(months::contains).count();
            if (!missing.isEmpty()) incomplete++;
            rows.add(new AppealRow(key[0], key[1], period.label(), sum[0], sum[1],
                    missing.isEmpty() ? change(sum[0], sum[1]) : null, currentMonths.size(), recordedNow, recordedBefore,
                    List.copyOf(missing)));
            total += sum[0];
            totalPrevious += sum[1];
        }
        rows.sort(Comparator.comparing(AppealRow::street).thenComparing(AppealRow::issueType));
        return new AppealsAnswer(rows, new Total(total, totalPrevious, incomplete == 0 ? change(total, totalPrevious) : null,
                incomplete));
    }
    /** The relative change, e.g. -0.4713 for 261 to 138; null when there is nothing to compare with. */
    static BigDecimal change(long count, long previousCount) {
        if (previousCount == 0) {
            return null;
        }
        return BigDecimal.valueOf(count - previousCount).divide(BigDecimal.valueOf(previousCount), 4, RoundingMode.HALF_UP);
    }
}
