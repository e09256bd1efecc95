package cn.fengtai.pool.query.fund;

import cn.fengtai.pool.query.web.NotFound;
import cn.fengtai.pool.query.web.Params;
import org.springframework.data.mongodb.core.MongoTemplate;
import cn.fengtai.pool.query.readmodel.ReadModels;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

/** A special fund's budget, allocations and what is left. */
@RestController
@RequestMapping("/api/funds")
class FundQueryController {

    private final MongoTemplate mongo;
    private final ReadModels readModels;

    FundQueryController(MongoTemplate mongo, ReadModels readModels) {
        this.mongo = mongo;
        this.readModels = readModels;
    }

    record Fund(String id, int year, BigDecimal budget, BigDecimal allocated, BigDecimal remaining, int allocations,
                long version) {
    }

    /** Every fund, by year and id. */
    @GetMapping
    List<Fund> all() {
        return mongo.findAll(FundView.class, readModels.active(FundProjection.NAME, FundView.class)).stream()
                .sorted(Comparator.comparingInt(FundView::year).thenComparing(FundView::id))
                .map(FundQueryController::answer).toList();
    }

    @GetMapping("/{id}")
    Fund one(@PathVariable String id) {
        FundView fund = mongo.findById(Params.code("id", id), FundView.class, readModels.active(FundProjection.NAME, FundView.class));
        if (fund == null) throw new NotFound("no fund has the id '" + id + "'");
        return answer(fund);
    }

    private static Fund answer(FundView fund) {
        return new Fund(fund.id(), fund.year(), fund.budget(), fund.allocated(), fund.remaining(), fund.allocations(),
                fund.version());
    }
}
