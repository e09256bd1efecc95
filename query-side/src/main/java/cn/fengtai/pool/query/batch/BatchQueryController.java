package cn.fengtai.pool.query.batch;

import cn.fengtai.pool.query.web.NotFound;
import cn.fengtai.pool.query.web.Params;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import cn.fengtai.pool.query.readmodel.ReadModels;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;

/** The batch lists and their state. */
@RestController
@RequestMapping("/api/batches")
class BatchQueryController {

    private final MongoTemplate mongo;
    private final ReadModels readModels;

    BatchQueryController(MongoTemplate mongo, ReadModels readModels) {
        this.mongo = mongo;
        this.readModels = readModels;
    }

    record Batch(String id, String name, int year, String status, LocalDate createdOn, LocalDate publishedOn,
                 LocalDate closedOn, String carryOverTo, long version) {

        static Batch of(BatchView v) {
            return new Batch(v.id(), v.name(), v.year(), v.status(), v.createdOn(), v.publishedOn(), v.closedOn(),
                    v.carryOverTo(), v.version());
        }
    }

    @GetMapping
    List<Batch> all() {
        return mongo.find(new Query().with(Sort.by("_id")), BatchView.class, readModels.active(BatchProjection.NAME, BatchView.class)).stream().map(Batch::of).toList();
    }

    @GetMapping("/{id}")
    Batch one(@PathVariable String id) {
        BatchView batch = mongo.findById(Params.code("id", id), BatchView.class, readModels.active(BatchProjection.NAME, BatchView.class));
        if (batch == null) throw new NotFound("no batch has the id '" + id + "'");
        return Batch.of(batch);
    }
}
