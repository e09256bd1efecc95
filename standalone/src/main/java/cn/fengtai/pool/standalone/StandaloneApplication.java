package cn.fengtai.pool.standalone;

import cn.fengtai.pool.command.CommandSideApplication;
import cn.fengtai.pool.query.QuerySideApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * Both sides in one process on one port, on the embedded default: events in an H2 file, read models in an in-process
 * MongoDB-compatible server, both under the data folder. The same code runs split, behind an edge, in production.
 */
@SpringBootApplication
@ComponentScan(basePackages = "cn.fengtai.pool", excludeFilters = {
        @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = {CommandSideApplication.class, QuerySideApplication.class}),
        // shared-events wires itself in as auto-configuration, exactly as it does for each side on its own.
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = "cn\\.fengtai\\.pool\\.events\\..*")})
public class StandaloneApplication {

    public static void main(String[] args) {
        SpringApplication.run(StandaloneApplication.class, args);
    }
}
