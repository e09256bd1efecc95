package cn.fengtai.pool.query.project;

import cn.fengtai.pool.events.ProjectStatus;
import org.bson.Document;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every counted figure of the pool as a sum over projects: each project contributes to a handful of named counters
 * (its street, its category, each batch it was listed on), so the figures can be kept up to date by taking a
 * project's contribution out before an event changes it and putting it back after, instead of recounting all
 * projects on every request. {@link PoolStatistics} turns the counters into the published figures. Counter names use
 * {@code :} as separator (MongoDB field names may not hold a dot).
 */
public final class Counters {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, Long> counts;
    private final Map<String, BigDecimal> amounts;

    public Counters() {
        this(new HashMap<>(), new HashMap<>());
    }

    private Counters(Map<String, Long> counts, Map<String, BigDecimal> amounts) {
        this.counts = counts;
        this.amounts = amounts;
    }

    public static Counters of(Iterable<ProjectView> projects) {
        Counters counters = new Counters();
        projects.forEach(counters::add);
        return counters;
    }

    /** An independent copy: the projection goes on changing its own. */
    public Counters copy() {
        return new Counters(new HashMap<>(counts), new HashMap<>(amounts));
    }

    public void add(ProjectView project) {
        add(Contribution.of(project));
    }

    public void remove(ProjectView project) {
        remove(Contribution.of(project));
    }

    public void add(Contribution contribution) {
        contribute(contribution, 1);
    }

    public void remove(Contribution contribution) {
        contribute(contribution, -1);
    }

    /**
     * What a project's contribution depends on. Most events change none of it (progress, departments, ratings): a
     * projection that compares the contribution before and after an event leaves the counters alone for those.
     */
    public record Contribution(String street, ProjectStatus status, String category, List<String> batches,
                               String currentBatch, BigDecimal fundedAmount, List<String> issueTypes) {

        /** {@code null} for no project yet. */
        public static Contribution of(ProjectView p) {
            if (p == null || p.id() == null) return null;
            // Copies that take what the view holds, null elements included: counting never failed on those.
            return new Contribution(p.street(), p.status(), p.category(), new ArrayList<>(p.batches()),
                    p.currentBatch(), p.fundedAmount(), new ArrayList<>(p.issueTypes()));
        }
    }

    private void contribute(Contribution p, int sign) {
        if (p == null) return;
        boolean listed = !p.batches().isEmpty();
        boolean completed = p.status() == ProjectStatus.COMPLETED;
        String street = "street:" + p.street();
        count(sign, "projects");
        count(sign, "status:" + p.status());
        count(sign, "category:" + p.category());
        count(sign, street + ":filed");
        amount(sign, street + ":funded", p.fundedAmount());
        if (listed) {
            count(sign, "listed");
            count(sign, "listedCategory:" + p.category());
            count(sign, street + ":listed");
            count(sign, street + ":category:" + p.category() + ":listed");
            if (completed) {
                count(sign, street + ":completed");
                count(sign, street + ":category:" + p.category() + ":completed");
            }
        }
        for (String batch : p.batches()) {
            String b = "batch:" + batch;
            boolean completedHere = completed && Objects.equals(batch, p.currentBatch());
            count(sign, b + ":listed");
            count(sign, b + ":category:" + p.category() + ":listed");
            count(sign, b + ":" + street + ":listed");
            count(sign, b + ":" + street + ":category:" + p.category() + ":listed");
            amount(sign, b + ":" + street + ":funded", p.fundedAmount());
            if (!Objects.equals(p.batches().get(0), batch)) count(sign, b + ":carriedOverIn");
            if (!Objects.equals(batch, p.currentBatch())) count(sign, b + ":carriedOverOut");
            if (completedHere) {
                count(sign, b + ":completed");
                count(sign, b + ":category:" + p.category() + ":completed");
                count(sign, b + ":" + street + ":completed");
                count(sign, b + ":" + street + ":category:" + p.category() + ":completed");
                p.issueTypes().forEach(type -> count(sign, b + ":issue:" + type));
            }
        }
    }

    private void count(int sign, String key) {
        counts.merge(key, (long) sign, (a, b) -> a + b == 0 ? null : a + b);
    }

    private void amount(int sign, String key, BigDecimal amount) {
        if (amount == null || amount.signum() == 0) return;
        amounts.merge(key, sign > 0 ? amount : amount.negate(), (a, b) -> {
            BigDecimal sum = a.add(b);
            return sum.signum() == 0 ? null : sum;
        });
    }

    public long count(String key) {
        return counts.getOrDefault(key, 0L);
    }

    public BigDecimal amount(String key) {
        return amounts.getOrDefault(key, BigDecimal.ZERO);
    }

    /** Stored form: counts as numbers, amounts as decimal strings (exact, whatever the server's decimal support or the amount's size). */
    public Document toDocument() {
        Document countsDocument = new Document();
        counts.forEach((key, count) -> countsDocument.put(field(key), count));
        Document amountsDocument = new Document();
        amounts.forEach((key, amount) -> amountsDocument.put(field(key), amount.toString()));
        return new Document("counts", countsDocument).append("amounts", amountsDocument);
    }

    /**
     * A key as a field name MongoDB stores as it is: keys hold codes from stored events (a batch id may have a dot),
     * and a dot or a leading dollar in a field name is a path or an operator to some servers.
     */
    private static String field(String key) {
        if (key.indexOf('.') < 0 && key.indexOf('$') < 0 && key.indexOf('%') < 0) return key;
        return key.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    private static String key(String field) {
        if (field.indexOf('%') < 0) return field;
        return field.replace("%2E", ".").replace("%24", "$").replace("%25", "%");
    }

    /** How the counters are kept in a checkpoint copy: the fields of {@link #toDocument}, as JSON. */
    private record Stored(Map<String, Long> counts, Map<String, String> amounts) {
    }

    /** {@link #toDocument} as JSON (Jackson), for the checkpoint copies; {@link #fromJson} reads it back. */
    public byte[] toJson() {
        return JSON.writeValueAsBytes(toDocument());
    }

    public static Counters fromJson(byte[] json) {
        Stored stored = JSON.readValue(json, Stored.class);
        Counters counters = new Counters();
        if (stored.counts() != null) stored.counts().forEach((field, count) -> counters.counts.put(key(field), count));
        if (stored.amounts() != null) {
            stored.amounts().forEach((field, amount) -> counters.amounts.put(key(field), new BigDecimal(amount)));
        }
        return counters;
    }

    public static Counters fromDocument(Document document) {
        Counters counters = new Counters();
        if (document == null) return counters;
        Document counts = document.get("counts", Document.class);
        Document amounts = document.get("amounts", Document.class);
        if (counts != null) counts.forEach((field, value) -> counters.counts.put(key(field), ((Number) value).longValue()));
        if (amounts != null) {
            amounts.forEach((field, value) -> counters.amounts.put(key(field), new BigDecimal((String) value)));
        }
        return counters;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Counters t && t.counts.equals(counts) && t.amounts.entrySet().stream()
                .allMatch(e -> amounts.containsKey(e.getKey()) && amounts.get(e.getKey()).compareTo(e.getValue()) == 0)
                && t.amounts.size() == amounts.size();
    }

    @Override
    public int hashCode() {
        return counts.hashCode();
    }

    @Override
    public String toString() {
        return counts + " " + amounts;
    }
}
