import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The top frames of a JFR recording's CPU samples, as docs/benchmarks.md quotes them: run with
 * {@code java tools/jfr/JfrTop.java recording.jfr [from to]} (instants as the benchmark prints them, to cut one series
 * out of a run). Prints the share of samples per innermost frame, per innermost frame of our own code
 * ({@code cn.fengtai}), and per library of the innermost frame. {@code jfr print} shows raw samples; it does not sum.
 */
public class JfrTop {

    private static final List<String> LIBRARIES = List.of("cn.fengtai", "org.axonframework", "org.springframework.security",
            "org.springframework.web", "org.springframework", "org.apache.catalina", "org.apache.coyote", "org.apache.tomcat",
            "tools.jackson", "com.fasterxml.jackson", "org.postgresql", "com.mongodb", "org.bson", "de.bwaldvogel",
            "org.h2", "io.micrometer", "com.github.benmanes.caffeine", "ch.qos.logback", "org.slf4j", "java.net.http",
            "jdk.internal.net.http", "sun.nio", "java.util.concurrent", "java.util", "java.lang", "java.time", "java.security",
            "sun.security", "java.io", "java.nio", "jdk", "sun");

    public static void main(String[] args) throws Exception {
        Instant from = args.length > 2 ? Instant.parse(args[1]) : Instant.MIN;
        Instant to = args.length > 2 ? Instant.parse(args[2]) : Instant.MAX;
        Map<String, Integer> frames = new HashMap<>();
        Map<String, Integer> ours = new HashMap<>();
        Map<String, Integer> libraries = new HashMap<>();
        int samples = 0;
        try (RecordingFile recording = new RecordingFile(Path.of(args[0]))) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) continue;
                if (event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) continue;
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) continue;
                samples++;
                RecordedFrame top = stack.getFrames().get(0);
                String topName = name(top);
                frames.merge(topName, 1, Integer::sum);
                libraries.merge(library(topName), 1, Integer::sum);
                for (RecordedFrame frame : stack.getFrames()) {
                    if (name(frame).startsWith("cn.fengtai")) {
                        ours.merge(name(frame), 1, Integer::sum);
                        break;
                    }
                }
            }
        }
        System.out.printf("%,d CPU samples%n", samples);
        print("libraries (innermost frame)", libraries, samples, 15);
        print("innermost frames", frames, samples, 20);
        print("innermost frames of our code (cn.fengtai) on the stack", ours, samples, 15);
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String library(String frame) {
        for (String library : LIBRARIES) {
            if (frame.startsWith(library + ".")) return library;
        }
        return "other";
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int limit) {
        System.out.println("\n" + title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .forEach(e -> System.out.printf("  %5.1f %%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
    }
}
